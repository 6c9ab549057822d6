/** Every route of the emulated Exoscale API v2, in registration order. */
import type { RouteEntry } from "../router";
import {
  getInstanceType,
  getOrganization,
  getTemplate,
  listInstanceTypes,
  listTemplates,
  listZones,
} from "./handlers/catalogue";
import {
  addProtection,
  createSnapshot,
  enableTpm,
  getConsole,
  getPassword,
  rebootInstance,
  removeProtection,
  resetInstance,
  resetPassword,
  resizeDisk,
  revertSnapshot,
  scaleInstance,
  startInstance,
  stopInstance,
} from "./handlers/instance-actions";
import {
  createInstance,
  deleteInstance,
  getInstance,
  listInstances,
  resetInstanceField,
  updateInstance,
} from "./handlers/instances";
import { deleteSnapshot, getOperation, getSnapshot, listSnapshots } from "./handlers/snapshots";
import type { ExoscaleServices } from "./services";

const P = "/v2/instance";

export const EXOSCALE_ROUTES: Array<RouteEntry<ExoscaleServices>> = [
  { method: "POST", path: P, handler: createInstance },
  { method: "GET", path: P, handler: listInstances },
  { method: "GET", path: `${P}/{id}`, handler: getInstance },
  { method: "PUT", path: `${P}/{id}`, handler: updateInstance },
  { method: "DELETE", path: `${P}/{id}`, handler: deleteInstance },
  { method: "DELETE", path: `${P}/{id}/{field}`, handler: resetInstanceField },
  { method: "PUT", path: `${P}/{id}:add-protection`, handler: addProtection },
  { method: "PUT", path: `${P}/{id}:remove-protection`, handler: removeProtection },
  { method: "PUT", path: `${P}/{id}:start`, handler: startInstance },
  { method: "PUT", path: `${P}/{id}:stop`, handler: stopInstance },
  { method: "PUT", path: `${P}/{id}:reboot`, handler: rebootInstance },
  { method: "PUT", path: `${P}/{id}:scale`, handler: scaleInstance },
  { method: "PUT", path: `${P}/{id}:resize-disk`, handler: resizeDisk },
  { method: "PUT", path: `${P}/{id}:reset`, handler: resetInstance },
  { method: "PUT", path: `${P}/{id}:reset-password`, handler: resetPassword },
  { method: "GET", path: `${P}/{id}:password`, handler: getPassword },
  { method: "POST", path: `${P}/{id}:enable-tpm`, handler: enableTpm },
  { method: "POST", path: `${P}/{id}:create-snapshot`, handler: createSnapshot },
  { method: "POST", path: `${P}/{instance-id}:revert-snapshot`, handler: revertSnapshot },
  { method: "GET", path: "/v2/console/{id}", handler: getConsole },
  { method: "GET", path: "/v2/organization", handler: getOrganization },
  { method: "GET", path: "/v2/operation/{id}", handler: getOperation },
  { method: "GET", path: "/v2/snapshot", handler: listSnapshots },
  { method: "GET", path: "/v2/snapshot/{id}", handler: getSnapshot },
  { method: "DELETE", path: "/v2/snapshot/{id}", handler: deleteSnapshot },
  { method: "GET", path: "/v2/instance-type", handler: listInstanceTypes },
  { method: "GET", path: "/v2/instance-type/{id}", handler: getInstanceType },
  { method: "GET", path: "/v2/template", handler: listTemplates },
  { method: "GET", path: "/v2/template/{id}", handler: getTemplate },
  { method: "GET", path: "/v2/zone", handler: listZones },
];

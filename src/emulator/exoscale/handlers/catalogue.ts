/** Read-only routes of the emulated Exoscale API v2: the organization, instance types, templates, zones. */
import type { EmulatorRequest, EmulatorResponse } from "../../router";
import { badId, exoError } from "../errors";
import { INSTANCE_TYPES, TEMPLATES, zoneList } from "../seed";
import { type ExoscaleServices, ok } from "../services";

/** GET /v2/organization */
export function getOrganization(_request: EmulatorRequest, { organizations }: ExoscaleServices): EmulatorResponse {
  const { id, name } = organizations.current();
  return ok({ id, name, currency: "CHF" });
}

/** GET /v2/instance-type */
export function listInstanceTypes(): EmulatorResponse {
  return ok({ "instance-types": INSTANCE_TYPES });
}

/** GET /v2/instance-type/{id} */
export function getInstanceType(request: EmulatorRequest): EmulatorResponse {
  const invalid = badId(request.params.id);
  if (invalid) return invalid;
  const type = INSTANCE_TYPES.find((t) => t.id === request.params.id);
  return type ? ok(type) : exoError(404, `Instance type ${request.params.id} not found`);
}

/** GET /v2/template */
export function listTemplates(request: EmulatorRequest): EmulatorResponse {
  const visibility = request.query.get("visibility") ?? "public";
  if (!["public", "private"].includes(visibility))
    return exoError(400, "Invalid parameter visibility: must be public or private");
  const family = request.query.get("family");
  return ok({
    templates: TEMPLATES.filter((t) => t.visibility === visibility && (family === null || t.family === family)),
  });
}

/** GET /v2/template/{id} */
export function getTemplate(request: EmulatorRequest): EmulatorResponse {
  const invalid = badId(request.params.id);
  if (invalid) return invalid;
  const template = TEMPLATES.find((t) => t.id === request.params.id);
  return template ? ok(template) : exoError(404, `Template ${request.params.id} not found`);
}

/** GET /v2/zone */
export function listZones(request: EmulatorRequest): EmulatorResponse {
  return ok({ zones: zoneList(`http://${request.headers.host ?? "127.0.0.1"}`) });
}

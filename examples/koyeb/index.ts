// Finds a healthy instance of a Koyeb app, reads its events and runs a command in it over the exec
// websocket. Token: `koyeb:token` (or KOYEB_TOKEN); endpoint: KOYEB_API_URL.
// Functions run each time the program runs; execKoyebInstance skips its command in previews (its
// result then says `ran: false`) unless given `runInPreview: true`.
import * as pulumi from "@pulumi/pulumi";
import {
  execKoyebInstance,
  getKoyebInstance,
  getKoyebInstanceOutput,
  listKoyebInstanceEventsOutput,
  listKoyebInstances,
} from "pulumi-dynamic-compute";

const config = new pulumi.Config();

async function pickInstance() {
  const healthy = await listKoyebInstances({
    appId: config.get("appId"),
    serviceId: config.get("serviceId"),
    statuses: ["HEALTHY"],
  });
  if (healthy.length === 0) throw new Error("no HEALTHY instance found; check the appId / serviceId config");
  return getKoyebInstance({ id: healthy[0].id });
}

const instance = pickInstance();
const command = config.get("command") ?? 'echo "hello from $KOYEB_SERVICE_NAME in $KOYEB_REGION"';
const exec = instance.then((i) =>
  execKoyebInstance({ instanceId: i.id, command, timeout: 30, runInPreview: config.getBoolean("execInPreview") }),
);

export const instanceId = instance.then((i) => i.id);
export const status = instance.then((i) => i.status);
export const region = instance.then((i) => i.region);
// The Output forms take Inputs (here a Promise of the id), so no hand-written .then/.apply is needed.
export const instanceType = getKoyebInstanceOutput({ id: instance.then((i) => i.id) }).type;
export const eventTypes = listKoyebInstanceEventsOutput({
  instanceIds: instance.then((i) => [i.id]),
  order: "asc",
}).apply((events) => events.map((e) => e.type));
export const execStdout = exec.then((result) => (result.ran ? result.stdout.trim() : `(not run: ${result.skipped})`));
export const execExitCode = exec.then((result) => (result.ran ? result.exitCode : undefined));

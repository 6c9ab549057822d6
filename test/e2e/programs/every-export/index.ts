// Uses every export of pulumi-dynamic-compute, as a user's program would, so that `tsc --noEmit`
// under the tsconfigs of `pulumi new typescript` proves the package's declarations compile there
// (test/e2e/package-types.test.ts). It is type-checked, not run.
import * as pulumi from "@pulumi/pulumi";
import {
  AccountChangedError,
  AdoptionMismatchError,
  ApiError,
  AuthError,
  cancelIncusOperation,
  ComputeAccount,
  ComputeInstance,
  connectIncusOperationWebsocket,
  ConflictError,
  CredentialsError,
  DeletionProtectedError,
  execKoyebInstance,
  execKoyebInstanceOutput,
  ExoscaleAccount,
  ExoscaleInstance,
  ExoscaleInstanceSnapshot,
  getComputeInstance,
  getComputeInstanceOutput,
  getExoscaleConsoleUrl,
  getExoscaleConsoleUrlOutput,
  getExoscaleInstance,
  getExoscaleInstanceOutput,
  getIncusInstance,
  getIncusInstanceOutput,
  getIncusOperation,
  getIncusOperationOutput,
  getKoyebInstance,
  getKoyebInstanceOutput,
  getScalewayImage,
  getScalewayImageOutput,
  IncusInstance,
  IncusInstanceSnapshot,
  IncusRemote,
  InvalidArgumentsError,
  KoyebAccount,
  InvalidRequestError,
  listComputeInstances,
  listComputeInstancesOutput,
  listExoscaleInstances,
  listExoscaleInstancesOutput,
  listIncusInstances,
  listIncusInstancesOutput,
  listIncusOperations,
  listIncusOperationsOutput,
  listKoyebInstanceEvents,
  listKoyebInstanceEventsOutput,
  listKoyebInstances,
  listKoyebInstancesOutput,
  listScalewayImages,
  listScalewayImagesOutput,
  NotFoundError,
  OperationFailedError,
  PartialCreateError,
  PartialUpdateError,
  ProviderError,
  RateLimitError,
  revealExoscaleInstancePassword,
  revealExoscaleInstancePasswordOutput,
  ScalewayAccount,
  ScalewayImage,
  ServerError,
  startEmulator,
  TransportError,
  UnexpectedError,
  UnknownResourceKindError,
  waitIncusOperation,
  waitIncusOperationOutput,
  WaitTimeoutError,
} from "pulumi-dynamic-compute";
import type {
  ArgumentProblem,
  CancelIncusOperationArgs,
  ComputeAccountArgs,
  ComputeInstanceArgs,
  ComputeInstanceOutputProperties,
  ConnectIncusOperationWebsocketArgs,
  Emulator,
  EmulatorOptions,
  EmulatorSeed,
  ErrorDetails,
  ExecKoyebInstanceArgs,
  ExecKoyebInstanceOutputArgs,
  ExecKoyebInstanceResult,
  ExoscaleAccountArgs,
  ExoscaleInstanceArgs,
  ExoscaleInstanceOutputProperties,
  ExoscaleInstanceSnapshotArgs,
  ExoscaleInstanceSnapshotOutputProperties,
  FaultKind,
  FaultRule,
  FunctionOptions,
  FunctionOutputOptions,
  GetComputeInstanceArgs,
  GetComputeInstanceOutputArgs,
  GetComputeInstanceResult,
  GetExoscaleConsoleUrlArgs,
  GetExoscaleConsoleUrlOutputArgs,
  GetExoscaleConsoleUrlResult,
  GetExoscaleInstanceArgs,
  GetExoscaleInstanceOutputArgs,
  GetExoscaleInstanceResult,
  GetIncusInstanceArgs,
  GetIncusInstanceOutputArgs,
  GetIncusInstanceResult,
  GetIncusOperationArgs,
  GetIncusOperationOutputArgs,
  GetIncusOperationResult,
  GetKoyebInstanceArgs,
  GetKoyebInstanceOutputArgs,
  GetKoyebInstanceResult,
  GetScalewayImageArgs,
  GetScalewayImageOutputArgs,
  GetScalewayImageResult,
  IncusInstanceArgs,
  IncusInstanceOutputProperties,
  IncusInstanceSnapshotArgs,
  IncusInstanceSnapshotOutputProperties,
  IncusOperationWebsocket,
  IncusRemoteArgs,
  InputArgs,
  KoyebAccountArgs,
  KoyebInstanceEvent,
  ListComputeInstancesArgs,
  ListComputeInstancesOutputArgs,
  ListComputeInstancesResult,
  ListExoscaleInstancesArgs,
  ListExoscaleInstancesOutputArgs,
  ListExoscaleInstancesResult,
  ListIncusInstancesArgs,
  ListIncusInstancesOutputArgs,
  ListIncusInstancesResult,
  ListIncusOperationsArgs,
  ListIncusOperationsOutputArgs,
  ListKoyebInstanceEventsArgs,
  ListKoyebInstanceEventsOutputArgs,
  ListKoyebInstanceEventsResult,
  ListKoyebInstancesArgs,
  ListKoyebInstancesOutputArgs,
  ListKoyebInstancesResult,
  ListScalewayImagesArgs,
  ListScalewayImagesOutputArgs,
  ListScalewayImagesResult,
  RecordedCall,
  RevealExoscaleInstancePasswordArgs,
  RevealExoscaleInstancePasswordOutputArgs,
  RevealExoscaleInstancePasswordResult,
  ScalewayAccountArgs,
  ScalewayImageArgs,
  ScalewayImageOutputProperties,
  SeedComputeInstance,
  SeededObjects,
  SeedExoscaleInstance,
  SeedScalewayImage,
  WaitIncusOperationArgs,
  WaitIncusOperationOutputArgs,
} from "pulumi-dynamic-compute";

const config = new pulumi.Config();

// Resources, with their Args types, and each resource's id passed to get, adoptId and its function.
const webArgs: ExoscaleInstanceArgs = {
  zone: config.get("zone") ?? "ch-gva-2",
  name: "web-1",
  instanceType: "standard.small",
  template: "Linux Ubuntu 24.04 LTS 64-bit",
  labels: { team: "platform" },
  deletionProtection: false,
};
const web = new ExoscaleInstance("web", webArgs);
const snapshotArgs: ExoscaleInstanceSnapshotArgs = { instance: web };
const snapshot = new ExoscaleInstanceSnapshot("web-snapshot", snapshotArgs);
const again = ExoscaleInstance.get("web-again", web.id);
const adopted = new ExoscaleInstance("web-adopted", { ...webArgs, adoptId: web.id }, { retainOnDelete: true });
const snapshotAgain = ExoscaleInstanceSnapshot.get("snapshot-again", snapshot.id);
const exoscaleFields: Pick<ExoscaleInstanceOutputProperties, "publicIp"> = web;
const snapshotFields: Pick<ExoscaleInstanceSnapshotOutputProperties, "state"> = snapshot;

const imageArgs: ScalewayImageArgs = {
  rootVolume: "8974e558-c9d2-4687-897c-787972f51631",
  zone: "fr-par-1",
  tags: ["golden"],
};
const image = new ScalewayImage("golden", imageArgs);
const imageAgain = ScalewayImage.get("golden-again", image.id);
const imageFields: Pick<ScalewayImageOutputProperties, "state"> = image;

const vmArgs: ComputeInstanceArgs = { name: "web-server-01", type: "cx31", image: "ubuntu-22.04" };
const vm = new ComputeInstance("vm", vmArgs);
const vmAgain = ComputeInstance.get("vm-again", vm.id);
const vmFields: Pick<ComputeInstanceOutputProperties, "privateIp"> = vm;

const containerArgs: IncusInstanceArgs = {
  name: "web",
  image: "busybox",
  config: { "limits.cpu": 1 },
  state: "running",
};
const container = new IncusInstance("container", containerArgs);
const containerAgain = IncusInstance.get("container-again", container.id);
const containerSnapshotArgs: IncusInstanceSnapshotArgs = { instance: container, expiresAt: "2030-01-01T00:00:00Z" };
const containerSnapshot = new IncusInstanceSnapshot("container-snapshot", containerSnapshotArgs);
const containerSnapshotAgain = IncusInstanceSnapshot.get("container-snapshot-again", containerSnapshot.id);
const containerFields: Pick<IncusInstanceOutputProperties, "status"> = container;
const containerSnapshotFields: Pick<IncusInstanceSnapshotOutputProperties, "createdAt"> = containerSnapshot;

// Account objects, passed as `provider` to resources and as `account` to functions.
const exoscaleAccountArgs: ExoscaleAccountArgs = { apiKey: "EXOkey", apiSecret: config.requireSecret("apiSecret") };
const staging = new ExoscaleAccount("staging", exoscaleAccountArgs);
const stagingWeb = new ExoscaleInstance("staging-web", webArgs, { provider: staging });
const scalewayAccountArgs: ScalewayAccountArgs = { secretKey: config.requireSecret("scwSecretKey"), zone: "fr-par-2" };
const scalewayAccount = new ScalewayAccount("scw-b", scalewayAccountArgs);
const koyebAccountArgs: KoyebAccountArgs = { token: config.requireSecret("koyebToken") };
const koyebAccount = new KoyebAccount("koyeb-b", koyebAccountArgs);
const computeAccountArgs: ComputeAccountArgs = { endpoint: "https://compute.example.com", token: "t" };
const computeAccount = new ComputeAccount("compute-b", computeAccountArgs);
const remoteArgs: IncusRemoteArgs = {
  address: "https://incus.example.com:8443",
  token: config.requireSecret("incusToken"),
};
const remote = new IncusRemote("cluster", remoteArgs);
const remoteContainer = new IncusInstance("remote-container", containerArgs, { provider: remote });
const accountOptions: FunctionOptions = { account: scalewayAccount };
export const accountLookups = [
  stagingWeb.id,
  remoteContainer.id,
  listScalewayImagesOutput({}, accountOptions),
  listKoyebInstancesOutput({}, { account: koyebAccount }),
  listComputeInstancesOutput({}, { account: computeAccount }),
];

// Functions, in both forms, with their argument and result types.
const outputOptions: FunctionOutputOptions = { dependsOn: [web] };
const plainOptions: FunctionOptions = {};
const exoscaleArgs: GetExoscaleInstanceArgs = { id: "ch-gva-2/4a8c0f2e-2d4b-4c66-9a6b-1f3b0e3d9c11" };
const exoscaleOutputArgs: GetExoscaleInstanceOutputArgs = { id: web.id };
const exoscaleLookup: Promise<GetExoscaleInstanceResult> = getExoscaleInstance(exoscaleArgs, plainOptions);
export const webName = getExoscaleInstanceOutput(exoscaleOutputArgs, outputOptions).name;
const exoscaleList: ListExoscaleInstancesArgs = { zone: "ch-gva-2", labels: { team: "platform" } };
const exoscaleListOutput: ListExoscaleInstancesOutputArgs = { zone: web.zone };
const exoscaleInstances: Promise<ListExoscaleInstancesResult> = listExoscaleInstances(exoscaleList);
export const exoscaleCount = listExoscaleInstancesOutput(exoscaleListOutput).apply((list) => list.length);
const consoleArgs: GetExoscaleConsoleUrlArgs = exoscaleArgs;
const consoleOutputArgs: GetExoscaleConsoleUrlOutputArgs = { id: web.id };
const consoleUrl: Promise<GetExoscaleConsoleUrlResult> = getExoscaleConsoleUrl(consoleArgs);
export const consoleExpires = getExoscaleConsoleUrlOutput(consoleOutputArgs).expiresAt;
const passwordArgs: RevealExoscaleInstancePasswordArgs = exoscaleArgs;
const passwordOutputArgs: RevealExoscaleInstancePasswordOutputArgs = { id: web.id };
const password: Promise<RevealExoscaleInstancePasswordResult> = revealExoscaleInstancePassword(passwordArgs);
export const secretPassword = revealExoscaleInstancePasswordOutput(passwordOutputArgs).password;

const imageLookupArgs: GetScalewayImageArgs = { name: "Ubuntu 24.04 Noble Numbat", arch: "x86_64", public: true };
const imageOutputArgs: GetScalewayImageOutputArgs = { id: image.id };
const imageLookup: Promise<GetScalewayImageResult> = getScalewayImage(imageLookupArgs);
export const imageState = getScalewayImageOutput(imageOutputArgs).state;
const imageListArgs: ListScalewayImagesArgs = { zone: "fr-par-1", tags: ["golden"] };
const imageListOutputArgs: ListScalewayImagesOutputArgs = { zone: image.zone };
const images: Promise<ListScalewayImagesResult> = listScalewayImages(imageListArgs);
export const imageCount = listScalewayImagesOutput(imageListOutputArgs).apply((list) => list.length);

const vmLookupArgs: GetComputeInstanceArgs = { id: "inst-a1b2c3" };
const vmOutputArgs: GetComputeInstanceOutputArgs = { id: vm.id };
const vmLookup: Promise<GetComputeInstanceResult> = getComputeInstance(vmLookupArgs);
export const vmHost = getComputeInstanceOutput(vmOutputArgs).hostId;
const vmListArgs: ListComputeInstancesArgs = { labels: { team: "platform" } };
const vmListOutputArgs: ListComputeInstancesOutputArgs = { name: vm.name };
const vms: Promise<ListComputeInstancesResult> = listComputeInstances(vmListArgs);
export const vmCount = listComputeInstancesOutput(vmListOutputArgs).apply((list) => list.length);

const koyebArgs: GetKoyebInstanceArgs = { id: "koyeb-instance-id" };
const koyebOutputArgs: GetKoyebInstanceOutputArgs = { id: pulumi.output("koyeb-instance-id") };
const koyebLookup: Promise<GetKoyebInstanceResult> = getKoyebInstance(koyebArgs);
export const koyebStatus = getKoyebInstanceOutput(koyebOutputArgs).status;
const koyebListArgs: ListKoyebInstancesArgs = { statuses: ["HEALTHY"], startingTime: new Date(0) };
const koyebListOutputArgs: ListKoyebInstancesOutputArgs = { appId: "app" };
const koyebInstances: Promise<ListKoyebInstancesResult> = listKoyebInstances(koyebListArgs);
export const koyebCount = listKoyebInstancesOutput(koyebListOutputArgs).apply((list) => list.length);
const eventArgs: ListKoyebInstanceEventsArgs = { types: ["started"], order: "asc" };
const eventOutputArgs: ListKoyebInstanceEventsOutputArgs = { instanceIds: [koyebArgs.id] };
const events: Promise<ListKoyebInstanceEventsResult> = listKoyebInstanceEvents(eventArgs);
const firstEvent: Promise<KoyebInstanceEvent | undefined> = events.then((list) => list[0]);
export const eventCount = listKoyebInstanceEventsOutput(eventOutputArgs).apply((list) => list.length);
const execArgs: ExecKoyebInstanceArgs = { instanceId: koyebArgs.id, command: ["cat", "/etc/hostname"] };
const execOutputArgs: ExecKoyebInstanceOutputArgs = {
  instanceId: koyebArgs.id,
  command: "hostname",
  runInPreview: false,
};
const exec: Promise<ExecKoyebInstanceResult> = execKoyebInstance(execArgs);
export const hostname = execKoyebInstanceOutput(execOutputArgs).apply((result) =>
  result.ran ? result.stdout : result.skipped,
);

const incusArgs: GetIncusInstanceArgs = { id: "web" };
const incusOutputArgs: GetIncusInstanceOutputArgs = { id: container.id };
const incusLookup: Promise<GetIncusInstanceResult> = getIncusInstance(incusArgs);
export const incusCreated = getIncusInstanceOutput(incusOutputArgs).createdAt;
const incusListArgs: ListIncusInstancesArgs = { allProjects: true };
const incusListOutputArgs: ListIncusInstancesOutputArgs = { project: container.project };
const containers: Promise<ListIncusInstancesResult> = listIncusInstances(incusListArgs);
export const containerCount = listIncusInstancesOutput(incusListOutputArgs).apply((list) => list.length);
const operationArgs: GetIncusOperationArgs = { id: "op" };
const operationOutputArgs: GetIncusOperationOutputArgs = { id: pulumi.output("op") };
const operation: Promise<GetIncusOperationResult> = getIncusOperation(operationArgs);
export const operationStatus = getIncusOperationOutput(operationOutputArgs).status;
const operationListArgs: ListIncusOperationsArgs = { recursion: 1 };
const operationListOutputArgs: ListIncusOperationsOutputArgs = { allProjects: true };
const operationUrls: Promise<string[]> = listIncusOperations();
const operations: Promise<GetIncusOperationResult[]> = listIncusOperations({ ...operationListArgs, recursion: 1 });
export const operationCount = listIncusOperationsOutput(operationListOutputArgs).apply((list) => list.length);
const waitArgs: WaitIncusOperationArgs = { id: "op", timeout: 5 };
const waitOutputArgs: WaitIncusOperationOutputArgs = { id: "op" };
const waited: Promise<GetIncusOperationResult> = waitIncusOperation(waitArgs);
export const waitedStatus = waitIncusOperationOutput(waitOutputArgs).statusCode;
const cancelArgs: CancelIncusOperationArgs = { id: "op" };
const cancelled: Promise<void> = cancelIncusOperation(cancelArgs);
const websocketArgs: ConnectIncusOperationWebsocketArgs = { id: "op", secret: "s" };
const websocket: Promise<IncusOperationWebsocket> = connectIncusOperationWebsocket(websocketArgs);
void websocket.then((socket) => socket.on("message", (data) => data.byteLength).close());
type Inputs = InputArgs<{ id: string }>;
const inputs: Inputs = { id: web.id };

// Errors: each class has a stable code.
function describe(error: unknown): string {
  const details: ErrorDetails = { cloud: "exoscale" };
  const problems: ArgumentProblem[] = error instanceof InvalidArgumentsError ? error.problems : [];
  if (error instanceof AccountChangedError) return error.code;
  if (error instanceof AdoptionMismatchError) return `${error.code} ${error.properties.join(",")}`;
  if (error instanceof PartialUpdateError || error instanceof PartialCreateError) return `${error.code} ${error.id}`;
  for (const errorClass of [
    ApiError,
    AuthError,
    ConflictError,
    CredentialsError,
    DeletionProtectedError,
    InvalidRequestError,
    NotFoundError,
    OperationFailedError,
    RateLimitError,
    ServerError,
    TransportError,
    UnexpectedError,
    UnknownResourceKindError,
    WaitTimeoutError,
  ]) {
    if (error instanceof errorClass) return `${error.code} ${details.cloud} ${problems.length}`;
  }
  return error instanceof ProviderError ? error.code : String(error);
}

// The emulator, with a seed of objects made outside Pulumi.
const seed: EmulatorSeed = {
  exoscale: {
    instances: [
      { name: "legacy-1", labels: { team: "ops" }, snapshots: [{ name: "before" }] } satisfies SeedExoscaleInstance,
    ],
  },
  scaleway: { images: [{ name: "legacy-image", tags: ["ops"] } satisfies SeedScalewayImage] },
  compute: { instances: [{ name: "legacy-vm", labels: { team: "ops" } } satisfies SeedComputeInstance] },
};
const fault: FaultRule = { match: { method: "POST", path: "/v2/instance" }, fault: "429" satisfies FaultKind };
const emulatorOptions: EmulatorOptions = { opDelayMs: 0, seed, faults: [fault] };
const emulator: Promise<Emulator> = startEmulator(emulatorOptions);
const seeded: Promise<SeededObjects | undefined> = emulator.then((e) => e.seeded);
const calls: RecordedCall[] = [];

export const used = [
  again.id,
  adopted.id,
  snapshotAgain.id,
  exoscaleFields,
  snapshotFields,
  imageAgain.id,
  imageFields,
  vmAgain.id,
  vmFields,
  containerAgain.id,
  containerSnapshotAgain.id,
  containerFields,
  containerSnapshotFields,
  exoscaleLookup,
  exoscaleInstances,
  consoleUrl,
  password,
  imageLookup,
  images,
  vmLookup,
  vms,
  koyebLookup,
  koyebInstances,
  firstEvent,
  exec,
  incusLookup,
  containers,
  operation,
  operationUrls,
  operations,
  waited,
  cancelled,
  inputs,
  describe,
  seeded,
  calls,
].length;

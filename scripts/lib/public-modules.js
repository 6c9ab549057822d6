// Which public types each cloud's types.ts holds and which schema prints each one, derived from the
// table of resource kinds and public functions in src/kinds.ts (see typegen.js for the forms:
// "args", "outputs", "input", "output"). `names` lists the output property names a class registers;
// `classes` the instance type of each resource class, which snapshot Args name.

/** "ExoscaleInstanceSnapshot" → "EXOSCALE_INSTANCE_SNAPSHOT_OUTPUTS". */
const outputsConstant = (className) => `${className.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase()}_OUTPUTS`;

/** The types of one resource kind: its Args and its output properties. */
function resourceTypes(kind) {
  return [
    {
      name: `${kind.className}Args`,
      schema: `${kind.className}Inputs`,
      form: "args",
      ...(kind.deletionProtection ? { plain: ["deletionProtection"] } : {}),
      ...(kind.omitArgs ? { omit: kind.omitArgs } : {}),
      ...(kind.extraArgs ? { extra: kind.extraArgs } : {}),
      doc: kind.argsDoc,
    },
    {
      name: `${kind.className}OutputProperties`,
      schema: `${kind.className}Outputs`,
      form: "outputs",
      doc: `Output properties of ${kind.className}.`,
    },
  ];
}

/** The types of one function: its arguments and, when it has its own, its result. */
function functionTypes(fn) {
  return [
    { name: fn.args.name, schema: fn.args.name, form: "input", doc: fn.args.doc },
    ...(fn.result ? [{ name: fn.result.name, schema: fn.result.name, form: "output", doc: fn.result.doc }] : []),
  ];
}

/** One module per cloud: `{ file, schemas, types, names, classes }`, from the loaded src/kinds.ts. */
function publicModules(kinds) {
  return kinds.TYPED_CLOUDS.map((cloud) => {
    const resources = kinds.RESOURCE_KINDS.filter((kind) => kind.cloud === cloud);
    return {
      file: `src/${cloud}/types.ts`,
      schemas: `src/${cloud}/schema`,
      types: [
        ...resources.flatMap(resourceTypes),
        ...kinds.PUBLIC_FUNCTIONS.filter((fn) => fn.cloud === cloud).flatMap(functionTypes),
      ],
      names: resources.map((kind) => ({
        name: outputsConstant(kind.className),
        schema: `${kind.className}Outputs`,
        doc: `Output properties ${kind.className} registers.`,
      })),
      classes: resources.map((kind) => kind.className),
    };
  });
}

module.exports = { publicModules, outputsConstant };

/**
 * The tsconfig of a project made by `pulumi new typescript` (pulumi/templates, typescript/tsconfig.json):
 * the current one (since 2026-03) and the one before (2024-04 to 2026-03, which most existing projects
 * still have). Neither sets skipLibCheck or esModuleInterop, so our declarations must compile without
 * them. `pretty` is off here so that diagnostics read well in test output.
 */
const TEMPLATE = {
  strict: true,
  outDir: "bin",
  target: "es2020",
  sourceMap: true,
  experimentalDecorators: true,
  pretty: false,
  noFallthroughCasesInSwitch: true,
  noImplicitReturns: true,
  forceConsistentCasingInFileNames: true,
};

export const PULUMI_TEMPLATE_COMPILER_OPTIONS = {
  current: { ...TEMPLATE, module: "nodenext", moduleResolution: "nodenext" },
  previous: { ...TEMPLATE, module: "commonjs", moduleResolution: "node" },
};

/** The template's tsconfig.json (`files` is the program's index.ts). */
export const pulumiTemplateTsconfig = (template: keyof typeof PULUMI_TEMPLATE_COMPILER_OPTIONS = "current") => ({
  compilerOptions: PULUMI_TEMPLATE_COMPILER_OPTIONS[template],
  files: ["index.ts"],
});

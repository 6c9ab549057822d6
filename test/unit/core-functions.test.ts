/**
 * The `…Output` form of the functions: it resolves Inputs (Outputs, Promises) into plain arguments,
 * waits for `dependsOn`, keeps secrets secret, and does not call the function while an argument is
 * unknown (a preview of a resource not created yet). Runs on Pulumi's own runtime mocks.
 */
import * as pulumi from "@pulumi/pulumi";
import { type FunctionOptions, onFirstCall, outputForm, outputFunction } from "../../src/core/functions";

/** The value of an Output and whether it is known and secret, as the engine would see them. */
async function settle<T>(output: pulumi.Output<T>): Promise<{ value: T | undefined; known: boolean; secret: boolean }> {
  const internal = output as unknown as {
    promise(withUnknowns?: boolean): Promise<T>;
    isKnown: Promise<boolean>;
    isSecret: Promise<boolean>;
  };
  return { value: await internal.promise(), known: await internal.isKnown, secret: await internal.isSecret };
}

class Thing extends pulumi.CustomResource {
  constructor(name: string) {
    super("test:index:Thing", name, {});
  }
}

describe("outputForm", () => {
  const calls: unknown[] = [];
  const echo = async (args: { id: string; zone?: string }) => {
    calls.push(args);
    return { seen: `${args.zone ?? "-"}/${args.id}` };
  };

  beforeEach(() => {
    calls.length = 0;
  });

  describe("during an update", () => {
    const created: string[] = [];
    beforeAll(() =>
      pulumi.runtime.setMocks(
        {
          newResource: async (args) => {
            await new Promise((resolve) => setTimeout(resolve, 50));
            created.push(args.name);
            return { id: `${args.name}-id`, state: {} };
          },
          call: async () => ({}),
        },
        "project",
        "stack",
        false,
      ),
    );

    it("resolves Outputs and Promises into plain arguments", async () => {
      const result = await settle(outputForm(echo, { id: pulumi.output("abc"), zone: Promise.resolve("ch-gva-2") }));
      expect(result).toEqual({ value: { seen: "ch-gva-2/abc" }, known: true, secret: false });
      expect(calls).toEqual([{ id: "abc", zone: "ch-gva-2" }]);
    });

    it("keeps a secret argument's result secret, and makes a result secret when asked", async () => {
      expect((await settle(outputForm(echo, { id: pulumi.secret("abc") }))).secret).toBe(true);
      expect((await settle(outputForm(echo, { id: "abc" }, {}, true))).secret).toBe(true);
    });

    it("outputFunction passes the resolved arguments and the options on, and keeps the plain form's default", async () => {
      const seen: unknown[] = [];
      const list = async (args: { zone?: string } = { zone: "default" }, opts?: FunctionOptions) => {
        seen.push([args, opts]);
        return args.zone;
      };
      const listOutput = outputFunction(list);
      expect((await settle(listOutput({ zone: pulumi.output("ch-gva-2") }, { parent: undefined }))).value).toBe(
        "ch-gva-2",
      );
      expect((await settle(listOutput())).value).toBe("default");
      expect(seen).toEqual([
        [{ zone: "ch-gva-2" }, { parent: undefined }],
        [{ zone: "default" }, {}],
      ]);
    });

    it("outputFunction makes every result secret with { secret: true }, and no other", async () => {
      expect((await settle(outputFunction(echo, { secret: true })({ id: "abc" }))).secret).toBe(true);
      expect((await settle(outputFunction(echo)({ id: "abc" }))).secret).toBe(false);
    });

    it("calls only once the resources in dependsOn are created", async () => {
      const thing = new Thing("dependency");
      const result = await settle(
        outputForm(
          async (args: { id: string }) => ({ created: [...created], id: args.id }),
          { id: "x" },
          { dependsOn: [thing] },
        ),
      );
      expect(result.value).toEqual({ created: ["dependency"], id: "x" });
    });
  });

  describe("during a preview", () => {
    beforeAll(() =>
      pulumi.runtime.setMocks(
        {
          newResource: async (args) => ({ id: undefined as unknown as string, state: { name: args.name } }),
          call: async () => ({}),
        },
        "project",
        "stack",
        true,
      ),
    );

    it("does not call the function while an argument is unknown", async () => {
      const thing = new Thing("not-created-yet");
      const result = await settle(outputForm(echo, { id: thing.id }));
      expect(result.known).toBe(false);
      expect(calls).toEqual([]);
    });
  });
});

describe("onFirstCall", () => {
  it("loads nothing until called, then loads once and keeps the result", () => {
    const load = jest.fn(() => ({ schema: "loaded" }));
    const callTime = onFirstCall(load);
    expect(load).not.toHaveBeenCalled();
    const first = callTime();
    expect(callTime()).toBe(first);
    expect(first).toEqual({ schema: "loaded" });
    expect(load).toHaveBeenCalledTimes(1);
  });
});

/** Koyeb's pure parts: offset paging, error bodies, API → camelCase conversion. */
import { parseKoyebError } from "../../src/koyeb/errors";
import { toEvent, toInstance } from "../../src/koyeb/mapping";
import { collectOffsetPages } from "../../src/koyeb/paging";

describe("collectOffsetPages", () => {
  const items = Array.from({ length: 23 }, (_, i) => i);
  const offsetsOf = async (
    page: (offset: number, limit: number) => { count?: number; hasNext?: boolean },
    limit: number,
  ) => {
    const offsets: number[] = [];
    const all = await collectOffsetPages(async (offset, size) => {
      offsets.push(offset);
      return { items: items.slice(offset, offset + size), ...page(offset, size) };
    }, limit);
    return { all, offsets };
  };

  it("follows count", async () => {
    const { all, offsets } = await offsetsOf(() => ({ count: 23 }), 10);
    expect(all).toEqual(items);
    expect(offsets).toEqual([0, 10, 20]);
  });

  it("follows has_next", async () => {
    const { all, offsets } = await offsetsOf((offset, limit) => ({ hasNext: offset + limit < 23 }), 5);
    expect(all).toEqual(items);
    expect(offsets).toEqual([0, 5, 10, 15, 20]);
  });

  it("without either, stops at the first short page", async () => {
    const { all, offsets } = await offsetsOf(() => ({}), 23);
    expect(all).toEqual(items);
    expect(offsets).toEqual([0, 23]);
  });

  it("stops on has_next false even when the page is full", async () => {
    const { offsets } = await offsetsOf(() => ({ hasNext: false }), 5);
    expect(offsets).toEqual([0]);
  });

  it("rejects page sizes the API does not serve", async () => {
    await expect(collectOffsetPages(async () => ({ items: [] }), 0)).rejects.toThrow(
      "pageSize: must be an integer from 1 to 100, got 0",
    );
  });
});

describe("Koyeb conversions", () => {
  it("reads Error and ErrorWithFields bodies", () => {
    expect(parseKoyebError({ status: 404, code: "not_found", message: "Instance not found" })).toMatchObject({
      code: "not_found",
      message: "Instance not found",
    });
    expect(
      parseKoyebError({
        status: 400,
        code: "invalid_argument",
        message: "Validation error",
        fields: [{ field: "limit", description: "too big" }],
      }),
    ).toMatchObject({
      message: "Validation error: limit: too big",
      details: [{ field: "limit", description: "too big" }],
    });
    expect(parseKoyebError(null)).toEqual({});
  });

  it("converts instances (int64 strings included) and events to camelCase", () => {
    expect(
      toInstance({ id: "i", replica_index: "3", status: "HEALTHY", xyz_deployment_id: "d", started_at: "t" }),
    ).toEqual(
      expect.objectContaining({
        id: "i",
        replicaIndex: 3,
        status: "HEALTHY",
        deploymentId: "d",
        startedAt: "t",
        messages: [],
      }),
    );
    expect(toInstance({ id: "i" }).status).toBe("ALLOCATING");
    expect(toEvent({ id: "e", instance_id: "i", type: "started" })).toEqual({
      id: "e",
      when: undefined,
      organizationId: undefined,
      instanceId: "i",
      type: "started",
      message: undefined,
      metadata: {},
    });
  });
});

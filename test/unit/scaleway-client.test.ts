/** Scaleway error bodies → messages and codes, and page-number paging's stop conditions. */
import { isTransientState, parseScalewayError } from "../../src/scaleway/errors";
import { collectNumberedPages } from "../../src/scaleway/paging";

describe("parseScalewayError", () => {
  it.each([
    [
      { type: "not_found", message: "resource is not found", resource: "instance_image", resource_id: "i-1" },
      "not_found",
      "resource is not found: instance_image i-1",
    ],
    [
      {
        type: "invalid_request_error",
        message: "Validation Error",
        fields: { name: ["required"], arch: ["bad", "worse"] },
      },
      "invalid_request_error",
      "Validation Error: name: required; arch: bad, worse",
    ],
    [
      {
        type: "invalid_arguments",
        message: "invalid argument(s)",
        details: [{ argument_name: "per_page", reason: "constraint", help_message: "max 100" }],
      },
      "invalid_arguments",
      "invalid argument(s): per_page: max 100",
    ],
    [
      {
        type: "quotas_exceeded",
        message: "quota(s) exceeded for this resource",
        details: [{ resource: "images", quota: 10, current: 10 }],
      },
      "quotas_exceeded",
      "quota(s) exceeded for this resource: images 10/10",
    ],
    [
      {
        type: "transient_state",
        message: "resource is in a transient state",
        resource: "instance_image",
        resource_id: "i-1",
        current_state: "creating",
      },
      "transient_state",
      "resource is in a transient state: instance_image i-1 is creating",
    ],
    [
      {
        type: "precondition_failed",
        message: "precondition is not respected",
        precondition: "resource_still_in_use",
        help_message: "delete the server",
      },
      "precondition_failed",
      "precondition is not respected: resource_still_in_use: delete the server",
    ],
    [
      { type: "denied_authentication", message: "authentication is denied", method: "api_key", reason: "not_found" },
      "denied_authentication",
      "authentication is denied: api_key, not_found; check scaleway:secretKey or SCW_SECRET_KEY",
    ],
    [{ message: "plain" }, undefined, "plain"],
  ])("reads %j", (body, code, message) => {
    expect(parseScalewayError(body)).toMatchObject({ code, message });
  });

  it("ignores bodies that are not objects", () => {
    expect(parseScalewayError("oops")).toEqual({});
  });

  it("recognises transient_state errors", () => {
    expect(isTransientState({ vendorCode: "transient_state" })).toBe(true);
    expect(isTransientState({ vendorCode: "not_found" })).toBe(false);
    expect(isTransientState(undefined)).toBe(false);
  });
});

describe("collectNumberedPages", () => {
  const source = (total: number, reportTotal = true) => {
    const requested: number[] = [];
    const fetch = async (page: number, perPage: number) => {
      requested.push(page);
      const items = Array.from(
        { length: Math.max(0, Math.min(perPage, total - (page - 1) * perPage)) },
        (_, i) => (page - 1) * perPage + i,
      );
      return { items, total: reportTotal ? total : undefined };
    };
    return { fetch, requested };
  };

  it.each([
    [0, 10, [1]],
    [10, 10, [1]],
    [11, 10, [1, 2]],
    [25, 5, [1, 2, 3, 4, 5]],
  ])("collects %d items with perPage %d in pages %j", async (total, perPage, pages) => {
    const { fetch, requested } = source(total);
    expect(await collectNumberedPages(fetch, perPage)).toEqual(Array.from({ length: total }, (_, i) => i));
    expect(requested).toEqual(pages);
  });

  it("without a total, stops at the first short or empty page", async () => {
    const short = source(12, false);
    expect(await collectNumberedPages(short.fetch, 5)).toHaveLength(12);
    expect(short.requested).toEqual([1, 2, 3]);
    const exact = source(10, false);
    expect(await collectNumberedPages(exact.fetch, 5)).toHaveLength(10);
    expect(exact.requested).toEqual([1, 2, 3]);
  });

  it("stops at maxPages against a server that never stops", async () => {
    let calls = 0;
    await collectNumberedPages(async () => ((calls += 1), { items: [1] }), 1, 7);
    expect(calls).toBe(7);
  });

  it("rejects page sizes the API does not serve", async () => {
    await expect(collectNumberedPages(async () => ({ items: [] }), 101)).rejects.toThrow(
      "perPage: must be an integer from 1 to 100, got 101",
    );
  });
});

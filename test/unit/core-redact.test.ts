import { redact, redactHeaders, registerSecret } from "../../src/core/redact";
import { createLogger } from "../../src/core/log";

describe("redaction", () => {
  it("masks registered secret values wherever they appear", () => {
    registerSecret("EXOsecretvalue123456");
    expect(redact("signing with EXOsecretvalue123456 now")).toBe("signing with [redacted] now");
  });

  it("masks credential headers, signatures, bearer tokens and secret JSON fields", () => {
    expect(redact("Authorization: EXO2-HMAC-SHA256 credential=EXOabc,signature=AbC+/=")).not.toMatch(/AbC\+/);
    expect(redact('{"password":"hunter22","name":"web"}')).toBe('{"password":"[redacted]","name":"web"}');
    expect(redact("GET /1.0/operations/x/wait?public&secret=abcdef123")).toBe(
      "GET /1.0/operations/x/wait?public&secret=[redacted]",
    );
    expect(redact("Bearer eyJhbGciOi.xyz")).toBe("Bearer [redacted]");
    expect(redactHeaders({ "X-Auth-Token": "t0ken", accept: "json" })).toEqual({
      "X-Auth-Token": "[redacted]",
      accept: "json",
    });
  });

  it("redacts every logger line", () => {
    const lines: string[] = [];
    registerSecret("password-from-api-42");
    createLogger("exoscale:Instance web", (line) => lines.push(line)).info("revealed password-from-api-42");
    expect(lines).toEqual(["[exoscale:Instance web] revealed [redacted]"]);
  });
});

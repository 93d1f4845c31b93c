import { describe, expect, it } from "vitest";
import { addressProblem, isLocalAddress } from "./address";

describe("provider addresses (as crates/ai/src/address.rs)", () => {
  it("needs https for remote servers and allows http here or on a marked own network", () => {
    expect(addressProblem("https://api.openai.com/v1", false)).toBeNull();
    expect(addressProblem("http://api.example.com/v1", false)).toMatch(/unencrypted/);
    expect(addressProblem("http://127.0.0.1:11434", false)).toBeNull();
    expect(addressProblem("http://localhost:1234/v1", false)).toBeNull();
    expect(addressProblem("http://192.168.1.20:8000/v1", false)).toMatch(/unencrypted/);
    expect(addressProblem("http://192.168.1.20:8000/v1", true)).toBeNull();
    expect(addressProblem("http://gpu.studio.lan:8000", true)).toBeNull();
    expect(addressProblem("http://8.8.8.8", true)).toMatch(/public internet address/);
    expect(addressProblem("ftp://x.example", false)).toMatch(/not supported/);
    expect(addressProblem("nonsense", false)).toMatch(/not a web address/);
  });

  it("counts loopback, and marked private addresses or names, as local", () => {
    expect(isLocalAddress("http://127.0.0.2:8080", false)).toBe(true);
    expect(isLocalAddress("http://localhost.evil.com", false)).toBe(false);
    expect(isLocalAddress("http://10.0.0.5", false)).toBe(false);
    expect(isLocalAddress("http://10.0.0.5", true)).toBe(true);
    expect(isLocalAddress("https://8.8.8.8", true)).toBe(false);
  });
});

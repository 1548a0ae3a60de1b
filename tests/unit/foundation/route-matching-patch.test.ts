import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

// The server loads these CommonJS builds; the patches live in patches/ (docs/decisions/0007).
const require = createRequire(import.meta.url);
const router = require("@remix-run/router") as typeof import("@remix-run/router");

const routes = [
  {
    id: "root",
    path: "",
    children: [
      { id: "index", index: true },
      { id: "s", path: "s", children: [{ id: "s-index", index: true }, { id: "theme", path: "themes/:themeId" }] },
      { id: "staff-supplier", path: "staff/suppliers/:supplierId" },
      { id: "staff-new", path: "staff/suppliers/new" },
      { id: "files", path: "files/*" },
    ],
  },
];

const ids = (pathname: string) => router.matchRoutes(routes, pathname)?.map((m) => m.route.id) ?? null;

describe("route matching with the cached-branches patch", () => {
  it("is applied to the builds the server loads", () => {
    for (const file of ["@remix-run/router/dist/router.cjs.js", "@remix-run/react/dist/server.js", "@remix-run/react/dist/components.js", "react-router-dom/server.js"]) {
      expect(readFileSync(require.resolve(file), "utf8"), file).toContain("Leverandørtjek patch");
    }
  });

  it("answers the same on every call for the same tree", () => {
    for (let round = 0; round < 3; round++) {
      expect(ids("/")).toEqual(["root", "index"]);
      expect(ids("/s")).toEqual(["root", "s", "s-index"]);
      expect(ids("/s/themes/contract")).toEqual(["root", "s", "theme"]);
      expect(ids("/S/Themes/contract")).toEqual(["root", "s", "theme"]);
      expect(ids("/staff/suppliers/new")).toEqual(["root", "staff-new"]);
      expect(ids("/staff/suppliers/abc")).toEqual(["root", "staff-supplier"]);
      expect(ids("/files/a/b.pdf")).toEqual(["root", "files"]);
      expect(ids("/nowhere")).toBeNull();
    }
    expect(router.matchRoutes(routes, "/s/themes/x%20y")?.at(-1)?.params).toEqual({ themeId: "x y" });
  });

  it("sees a different tree as different, even with the same paths", () => {
    const other = [{ id: "other-root", path: "", children: [{ id: "other-theme", path: "s/themes/:themeId" }] }];
    expect(router.matchRoutes(other, "/s/themes/contract")?.map((m) => m.route.id)).toEqual(["other-root", "other-theme"]);
    expect(ids("/s/themes/contract")).toEqual(["root", "s", "theme"]);
  });
});

import { describe, expect, it } from "vitest";
import { serviceNavigation } from "../../src/web/plugins/views.ts";

const activeFor = (role: string, url: string) =>
  serviceNavigation("ashvale", role, url).find((i) => i.active)?.text ?? null;

describe("the current section in the navigation", () => {
  it("marks Home only on the home page", () => {
    expect(activeFor("admin", "/p/ashvale")).toBe("Home");
    expect(activeFor("admin", "/p/ashvale/commitments/4")).not.toBe("Home");
  });

  it("puts record pages under the section that lists them", () => {
    expect(activeFor("viewer", "/p/ashvale/commitments/4")).toBe("Strategy");
    expect(activeFor("viewer", "/p/ashvale/priorities/2/edit")).toBe("Strategy");
    expect(activeFor("viewer", "/p/ashvale/actions/9?x=1")).toBe("Action plans");
    expect(activeFor("admin", "/p/ashvale/updates/3")).toBe("Updates");
    expect(activeFor("admin", "/p/ashvale/rounds/2/actions/5/update")).toBe("Updates");
    expect(activeFor("admin", "/p/ashvale/indicators/7")).toBe("Statistics");
    expect(activeFor("viewer", "/p/ashvale/boards/3")).toBe("Boards");
    expect(activeFor("admin", "/p/ashvale/meetings/5/attendance")).toBe("Boards");
    expect(activeFor("viewer", "/p/ashvale/funding/3")).toBe("Funding");
    expect(activeFor("editor", "/p/ashvale/allocations/3")).toBe("Funding");
  });

  it("sends partners' round and update pages to Your updates", () => {
    expect(activeFor("editor", "/p/ashvale/rounds/2/actions/5/update")).toBe("Your updates");
    expect(activeFor("editor", "/p/ashvale/updates/3")).toBe("Your updates");
  });

  it("shows the coordinator's sections to coordinators only", () => {
    const viewer = serviceNavigation("ashvale", "viewer", "/p/ashvale").map((i) => i.text);
    expect(viewer).not.toContain("People");
    expect(viewer).not.toContain("Updates");
    const admin = serviceNavigation("ashvale", "admin", "/p/ashvale").map((i) => i.text);
    expect(admin).toEqual([
      "Home",
      "Strategy",
      "Action plans",
      "Statistics",
      "Reports",
      "Boards",
      "Funding",
      "Updates",
      "Manage",
    ]);
    expect(serviceNavigation("ashvale", "editor", "/p/ashvale").map((i) => i.text)).not.toContain("Manage");
  });

  it("groups the coordinator's set-up pages under Manage", () => {
    for (const page of ["/manage", "/organisations/3/edit", "/people", "/audit?entityType=x", "/outbox/9"]) {
      expect(activeFor("admin", `/p/ashvale${page}`)).toBe("Manage");
    }
  });
});

describe("the region in a partnership's navigation", () => {
  it("leads a partnership of a region to its regional projects, and keeps its region pages there", () => {
    const inRegion = (url: string) => serviceNavigation("ashvale", "viewer", url, { inRegion: true });
    expect(inRegion("/p/ashvale").map((i) => i.text)).toContain("Region");
    expect(inRegion("/p/ashvale").find((i) => i.text === "Region")?.href).toBe(
      "/p/ashvale/regional-projects",
    );
    for (const page of [
      "/regional-projects",
      "/regional-projects/4",
      "/assessments/2",
      "/cycles/3/assessment",
    ])
      expect(inRegion(`/p/ashvale${page}`).find((i) => i.active)?.text, page).toBe("Region");
    expect(inRegion("/p/ashvale/strategies").find((i) => i.active)?.text).toBe("Strategy");
  });

  it("has no Region item for a partnership in no region", () => {
    expect(serviceNavigation("ashvale", "admin", "/p/ashvale").map((i) => i.text)).not.toContain("Region");
  });
});

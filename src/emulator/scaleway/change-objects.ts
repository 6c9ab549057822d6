/** Scaleway images changed behind Pulumi's back (`PATCH /_emulator/objects`), as a console edit leaves them. */
import { bareId, changeSection, entryFields } from "../change";
import { isString, isStringList } from "../seed-error";
import { now, type ScalewayState } from "./state";

const FIELDS = ["name", "tags", "public"];

/** Applies the section's changes to `state`; returns what each entry set. */
export function changeScalewayImages(section: unknown, state: ScalewayState) {
  return changeSection(
    section,
    "scaleway",
    "images",
    FIELDS,
    (id) => state.images[bareId(id).toLowerCase()],
    (entry, at, image) => {
      const field = entryFields(entry, at);
      const name = field<string>("name", isString, "a non-empty string");
      const tags = field<string[]>("tags", isStringList, "a list of strings (it replaces every tag)");
      const isPublic = field<boolean>("public", (v) => typeof v === "boolean", "a boolean");
      return () => {
        if (name !== undefined) image.name = name;
        if (tags !== undefined) image.tags = [...tags];
        if (isPublic !== undefined) image.public = isPublic;
        image.modification_date = now();
      };
    },
  );
}

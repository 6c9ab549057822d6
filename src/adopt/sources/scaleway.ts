/**
 * Scaleway images, zone by zone (ListImages, every page), as ScalewayImage declarations. With a
 * project configured (`scaleway:projectId` / SCW_DEFAULT_PROJECT_ID) the images of that project are
 * listed, public ones included; without one, the private images the key can see, since the public
 * catalogue (Scaleway's own images) is nothing to adopt.
 */
import { CREATION_TOKEN_LABEL } from "../../core/creation-token";
import { type ApiScalewayImage, ScalewayClient } from "../../scaleway/client";
import { fromExtraVolumes, splitTags } from "../../scaleway/mapping";
import { KNOWN_ZONES, ScalewayImageInputs } from "../../scaleway/schema";
import type { FoundObject } from "../model";
import { defined, nonEmpty, schemaProblem, skipped, type SourceContext } from ".";

/** Tags as labels for `--label`: "team=web" → team: "web", a bare "golden" → golden: "". */
function tagLabels(tags: string[]): Record<string, string> {
  return Object.fromEntries(
    tags.map((tag) =>
      tag.includes("=") ? [tag.slice(0, tag.indexOf("=")), tag.slice(tag.indexOf("=") + 1)] : [tag, ""],
    ),
  );
}

function describeImage(image: ApiScalewayImage): FoundObject {
  const id = `${image.zone}/${image.id}`;
  const { tags, token } = splitTags(image.tags);
  const found: FoundObject = {
    cloud: "scaleway",
    kind: "ScalewayImage",
    id,
    name: image.name,
    location: image.zone,
    shortId: image.id.slice(0, 8),
    labels: tagLabels(tags),
    args: {},
    notes: [],
  };
  if (token !== undefined)
    return skipped(found, `carries the ${CREATION_TOKEN_LABEL} tag: a Pulumi stack created it`, true);
  if (image.state === "error") return skipped(found, 'state "error": the image could not be built');
  if (!image.root_volume?.id) return skipped(found, "it has no root volume, which ScalewayImage requires");
  const args = defined({
    name: image.name,
    zone: image.zone,
    project: image.project,
    rootVolume: image.root_volume.id,
    arch: image.arch,
    extraVolumes: nonEmpty(fromExtraVolumes(image.extra_volumes)),
    tags: nonEmpty(tags),
    public: image.public || undefined,
  });
  const problem = schemaProblem(ScalewayImageInputs, { ...args, adoptId: id });
  return problem ? skipped(found, `ScalewayImage cannot express it: ${problem}`) : { ...found, args };
}

export async function listScaleway(context: SourceContext): Promise<FoundObject[]> {
  const client = ScalewayClient.fromSettings(context.progress.logger("scaleway"));
  const project = client.defaultProject;
  if (project === undefined)
    context.note(
      "Scaleway: no project configured (SCW_DEFAULT_PROJECT_ID or scaleway:projectId), so public images were left out; set one to list its public images too",
    );
  const found: FoundObject[] = [];
  for (const zone of context.zones ?? KNOWN_ZONES) {
    context.progress.status(`scaleway ${zone}: listing images`);
    const images = await client.listImages(zone, project !== undefined ? { project } : { public: false });
    found.push(...images.map(describeImage));
  }
  return found;
}

// Benchmark program: `count` ScalewayImages made from the same root snapshot (`rootVolume`).
import * as pulumi from "@pulumi/pulumi";
import { ScalewayImage } from "pulumi-dynamic-compute";

const config = new pulumi.Config();
const count = config.requireNumber("count");
const rootVolume = config.require("rootVolume");

const images = Array.from(
  { length: count },
  (_, i) =>
    new ScalewayImage(`image-${i}`, {
      name: `bench-${i}`,
      zone: "fr-par-1",
      rootVolume,
      tags: ["bench", `index-${i}`],
    }),
);

export const ids = pulumi.all(images.map((image) => image.id));

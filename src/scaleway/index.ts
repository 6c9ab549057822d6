export { ScalewayAccount, type ScalewayAccountArgs } from "./account";
export { ScalewayImage } from "./resources";
export {
  getScalewayImage,
  getScalewayImageOutput,
  listScalewayImages,
  listScalewayImagesOutput,
  type GetScalewayImageOutputArgs,
  type ListScalewayImagesOutputArgs,
  type ListScalewayImagesResult,
} from "./functions";
export type {
  ScalewayImageArgs,
  ScalewayImageOutputProperties,
  GetScalewayImageArgs,
  GetScalewayImageResult,
  ListScalewayImagesArgs,
} from "./types";

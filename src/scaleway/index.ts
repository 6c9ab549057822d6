export { ScalewayImage, type ScalewayImageArgs } from "./image";
export {
  getScalewayImage,
  listScalewayImages,
  type GetScalewayImageArgs,
  type ListScalewayImagesArgs,
  type ScalewayImageInfo,
  type ScalewayImageVolumeInfo,
} from "./functions";

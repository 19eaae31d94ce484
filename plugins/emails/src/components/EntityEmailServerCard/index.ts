export { EntityEmailServerCard } from './EntityEmailServerCard';
export {
  isEmailServerEntity,
  EMAIL_SERVER_ID_ANNOTATION,
  EMAIL_SERVER_DIRECTION_ANNOTATION,
  EMAIL_SERVER_RESOURCE_TYPE,
} from './isEmailServerEntity';

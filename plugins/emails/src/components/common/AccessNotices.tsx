import { EmptyState } from '@backstage/core-components';
import { statusOf } from './formErrors';

/** Whether the backend refused the call for want of a permission (403). */
export function isForbidden(error: unknown): boolean {
  return statusOf(error) === 403;
}

/** Whether the backend answered 404: unknown, or not for this user to see. */
export function isNotFound(error: unknown): boolean {
  return statusOf(error) === 404;
}

/** What a user sees of a request that does not exist or that they may not read (the API does not say which). */
export function RequestNotFound() {
  return (
    <EmptyState
      missing="content"
      title="Request not found"
      description="It does not exist, or it belongs to a technician group you are not in."
    />
  );
}

/** What users who are not emails administrators see instead of the admin pages. */
export function AdminRequired() {
  return (
    <EmptyState
      missing="info"
      title="You need to be an administrator"
      description="Support Channel > Emails is managed by the emails administrators (the groups in emails.admins). Ask one of them if you need access."
    />
  );
}

/** What users whom the permission policy allows no requests at all see. */
export function RequestsNotAllowed() {
  return (
    <EmptyState
      missing="info"
      title="No requests to show"
      description="You may not read requests. Technicians see the requests of their technician groups."
    />
  );
}

import { TechnicianGroupParams } from '@internal/plugin-emails-common';

// A Standard Schema with its JSON Schema, as permission rules take them; the
// permission backend validates conditions with it and publishes it in the
// plugin's permission metadata.
const JSON_SCHEMA = {
  type: 'object',
  properties: {
    groups: {
      type: 'array',
      items: { type: 'string' },
      description: 'Group entity refs, such as group:default/it-support',
    },
  },
  required: ['groups'],
  additionalProperties: false,
};

type Result =
  | { value: TechnicianGroupParams; issues?: undefined }
  | { issues: { message: string; path: string[] }[] };

function validate(value: unknown): Result {
  const groups = (value as { groups?: unknown } | undefined)?.groups;
  if (
    !Array.isArray(groups) ||
    groups.some(group => typeof group !== 'string')
  ) {
    return {
      issues: [
        { message: 'groups must be a list of group refs', path: ['groups'] },
      ],
    };
  }
  return { value: { groups } };
}

/** The parameters of the `IS_IN_TECHNICIAN_GROUP` rule: `{ groups: string[] }`. */
export const technicianGroupParamsSchema = {
  '~standard': {
    version: 1 as const,
    vendor: 'emails',
    validate,
    jsonSchema: { input: () => JSON_SCHEMA, output: () => JSON_SCHEMA },
  },
};

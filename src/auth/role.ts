/** Roles from least to most powerful; each role can do what the ones before it can. */
export enum Role {
  INGEST = 'INGEST',
  ANALYST = 'ANALYST',
  ARCHITECT = 'ARCHITECT',
  ADMIN = 'ADMIN',
}

const RANK: Record<Role, number> = {
  [Role.INGEST]: 1,
  [Role.ANALYST]: 2,
  [Role.ARCHITECT]: 3,
  [Role.ADMIN]: 4,
};

export function roleAtLeast(role: Role, required: Role): boolean {
  return RANK[role] >= RANK[required];
}

export function isRole(value: string): value is Role {
  return Object.prototype.hasOwnProperty.call(RANK, value);
}

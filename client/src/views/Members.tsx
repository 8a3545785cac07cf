import { useState } from 'preact/hooks';
import { DataTable } from '../components/DataTable';
import { ErrorNotice, Loading } from '../components/States';
import type { ViewContext } from '../context';
import {
  ChangeMemberRoleDocument,
  CreatePasswordResetDocument,
  InviteMemberDocument,
  MembersDocument,
  type MembersQuery,
  RemoveMemberDocument,
  RevokeInvitationDocument,
  type Role,
} from '../generated/graphql';
import { useMutation, useQuery } from '../hooks';
import { formatDateTime } from './members/format';
import { TextField } from '../components/TextField';

const ROLES: Role[] = ['ANALYST', 'ARCHITECT', 'ADMIN'];
type Member = MembersQuery['members'][number];
type Invitation = MembersQuery['invitations'][number];

/** A link to pass on, with a copy button. */
function LinkToPass({ label, url, emailed }: { label: string; url: string; emailed: boolean }) {
  const [copied, setCopied] = useState(false);
  return (
    <div class="note" role="status" data-testid="link-to-pass">
      <p>
        {label} {emailed ? 'It was also emailed.' : 'Email is not configured: pass it on yourself.'}
      </p>
      <input class="control-wide" readOnly value={url} aria-label={label} data-testid="link-url" />
      <button
        type="button"
        class="button button-quiet"
        onClick={() => {
          void navigator.clipboard?.writeText(url).then(() => setCopied(true));
        }}
      >
        {copied ? 'Copied' : 'Copy link'}
      </button>
    </div>
  );
}

/** Members of the open environment: invite, change role, remove, pending invitations (ADMIN). */
export function Members({ ctx }: { ctx: ViewContext }) {
  const { env } = ctx;
  const members = useQuery(MembersDocument, { env: env.id }, { cache: false });
  const invite = useMutation(InviteMemberDocument);
  const changeRole = useMutation(ChangeMemberRoleDocument);
  const remove = useMutation(RemoveMemberDocument);
  const revoke = useMutation(RevokeInvitationDocument);
  const reset = useMutation(CreatePasswordResetDocument);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('ANALYST');
  const [link, setLink] = useState<{ label: string; url: string; emailed: boolean } | null>(null);
  const problem = invite.error ?? changeRole.error ?? remove.error ?? revoke.error ?? reset.error;

  const data = members.data;
  if (!data)
    return members.error ? (
      <ErrorNotice error={members.error} onRetry={members.reload} />
    ) : (
      <Loading label="Loading members…" />
    );

  const after = (done: unknown) => {
    if (done) members.reload();
  };
  return (
    <>
      <section class="card" aria-labelledby="invite-title">
        <header class="card-header">
          <div>
            <h2 id="invite-title">Invite someone</h2>
            <p class="card-subtitle">They get a single-use link for {env.name}, valid 7 days.</p>
          </div>
        </header>
        <form
          class="controls"
          data-testid="invite-form"
          onSubmit={(event) => {
            event.preventDefault();
            void invite.run({ email, role, env: env.id }).then((done) => {
              if (!done) return;
              setLink({
                label: `Invitation for ${done.inviteMember.email}:`,
                url: done.inviteMember.acceptUrl!,
                emailed: Boolean(done.inviteMember.emailed),
              });
              setEmail('');
              members.reload();
            });
          }}
        >
          <TextField
            label="Email"
            name="inviteEmail"
            type="email"
            required
            value={email}
            onValue={setEmail}
          />
          <label class="control">
            <span>Role</span>
            <select
              name="inviteRole"
              value={role}
              onChange={(event) => setRole(event.currentTarget.value as Role)}
            >
              {ROLES.map((item) => (
                <option key={item}>{item}</option>
              ))}
            </select>
          </label>
          <button type="submit" class="button control-submit" disabled={invite.running}>
            Invite
          </button>
        </form>
        {problem && <ErrorNotice error={problem} />}
        {link && <LinkToPass {...link} />}
      </section>
      <section class="card" aria-labelledby="members-title">
        <header class="card-header">
          <h2 id="members-title">Members ({data.members.length})</h2>
        </header>
        <DataTable<Member>
          caption="Members"
          testId="members-table"
          rows={data.members}
          rowKey={(row) => row.id}
          columns={[
            { key: 'email', label: 'Email', render: (row) => row.email },
            { key: 'name', label: 'Name', render: (row) => row.name },
            {
              key: 'role',
              label: 'Role',
              render: (row) =>
                row.owner ? (
                  'Owner (ADMIN everywhere)'
                ) : (
                  <select
                    aria-label={`Role of ${row.email}`}
                    value={row.role ?? 'ANALYST'}
                    onChange={(event) =>
                      void changeRole
                        .run({
                          member: row.id,
                          env: env.id,
                          role: event.currentTarget.value as Role,
                        })
                        .then(after)
                    }
                  >
                    {ROLES.map((item) => (
                      <option key={item}>{item}</option>
                    ))}
                  </select>
                ),
            },
            {
              key: 'actions',
              label: 'Actions',
              render: (row) => (
                <span class="card-actions">
                  <button
                    type="button"
                    class="button button-quiet"
                    onClick={() =>
                      void reset.run({ member: row.id }).then((done) => {
                        if (done)
                          setLink({
                            label: `Password reset link for ${row.email} (one hour):`,
                            url: done.createPasswordReset.url,
                            emailed: done.createPasswordReset.emailed,
                          });
                      })
                    }
                  >
                    Reset password
                  </button>
                  {!row.owner && row.id !== ctx.member?.id && (
                    <button
                      type="button"
                      class="button button-danger-quiet"
                      onClick={() => {
                        if (confirm(`Remove ${row.email} from ${env.name}?`))
                          void remove.run({ member: row.id, env: env.id }).then(after);
                      }}
                    >
                      Remove
                    </button>
                  )}
                </span>
              ),
            },
          ]}
        />
      </section>
      <section class="card" aria-labelledby="invitations-title">
        <header class="card-header">
          <h2 id="invitations-title">Pending invitations ({data.invitations.length})</h2>
        </header>
        {data.invitations.length === 0 ? (
          <p class="muted">No invitation is waiting.</p>
        ) : (
          <DataTable<Invitation>
            caption="Pending invitations"
            testId="invitations-table"
            rows={data.invitations}
            rowKey={(row) => row.id}
            columns={[
              { key: 'email', label: 'Email', render: (row) => row.email },
              { key: 'role', label: 'Role', render: (row) => row.role },
              { key: 'by', label: 'Invited by', render: (row) => row.invitedBy },
              {
                key: 'expires',
                label: 'Expires',
                render: (row) => formatDateTime(row.expiresAt, env.timezone),
              },
              {
                key: 'revoke',
                label: 'Actions',
                render: (row) => (
                  <button
                    type="button"
                    class="button button-danger-quiet"
                    onClick={() => void revoke.run({ id: row.id }).then(after)}
                  >
                    Revoke
                  </button>
                ),
              },
            ]}
          />
        )}
      </section>
    </>
  );
}

// A user's complete set of role grants, edited as rows of role × programme ("*" is every
// programme). The server replaces the user's grants with this set once a second administrator
// approves, so the editor always shows the whole set, never a delta.
import { useIntl } from 'react-intl';
import { roleLabel, roles, type Role } from '../i18n/labels';

export interface Grant {
  role: Role;
  programmeId: string;
}

export function GrantsEditor({
  id,
  grants,
  programmeIds,
  onChange,
}: {
  id: string;
  grants: Grant[];
  programmeIds: readonly string[];
  onChange: (grants: Grant[]) => void;
}) {
  const intl = useIntl();
  const set = (index: number, change: Partial<Grant>) =>
    onChange(grants.map((grant, at) => (at === index ? { ...grant, ...change } : grant)));
  return (
    <fieldset className="grants">
      <legend>{intl.formatMessage({ id: 'users.grants' })}</legend>
      {grants.map((grant, index) => (
        <div className="row" key={index}>
          <div className="field">
            <label htmlFor={`${id}-role-${index}`}>
              {intl.formatMessage({ id: 'users.role' })}
            </label>
            <select
              id={`${id}-role-${index}`}
              value={grant.role}
              onChange={(event) => set(index, { role: event.target.value as Role })}
            >
              {roles.map((role) => (
                <option key={role} value={role}>
                  {roleLabel(intl, role)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-programme-${index}`}>
              {intl.formatMessage({ id: 'users.programme' })}
            </label>
            <select
              id={`${id}-programme-${index}`}
              value={grant.programmeId}
              onChange={(event) => set(index, { programmeId: event.target.value })}
            >
              <option value="*">{intl.formatMessage({ id: 'users.everyProgramme' })}</option>
              {programmeIds.map((programmeId) => (
                <option key={programmeId} value={programmeId}>
                  {programmeId}
                </option>
              ))}
            </select>
          </div>
          <button
            type="button"
            className="secondary"
            disabled={grants.length <= 1}
            onClick={() => onChange(grants.filter((_, at) => at !== index))}
            aria-label={intl.formatMessage({ id: 'users.removeGrant' }, { number: index + 1 })}
          >
            {intl.formatMessage({ id: 'users.remove' })}
          </button>
        </div>
      ))}
      <button
        type="button"
        className="secondary"
        onClick={() =>
          onChange([...grants, { role: 'operator', programmeId: programmeIds[0] ?? '*' }])
        }
      >
        {intl.formatMessage({ id: 'users.addGrant' })}
      </button>
    </fieldset>
  );
}

/** Rule family «deadline»: published within the profile's 公开时限 after approval. */
import { messages } from '../messages.ts';
import { addDays, addWorkingDays, isRealDate } from '../../model/dates.ts';
import { push, type DocContext } from './context.ts';

/**
 * Publication deadline (DOMAIN.md): within N days of 批复. N and whether they are calendar or
 * working days come from the profile (公开时限: deadlineDays, deadlineWorkingDays); 20 calendar
 * days when no profile applies. A date that is not a real day is an error here, as the schema
 * only checks the YYYY-MM-DD shape.
 */
export function checkDeadline(ctx: DocContext): void {
  const { doc } = ctx;
  const days = ctx.profile?.deadlineDays ?? 20;
  const working = ctx.profile?.deadlineWorkingDays ?? false;
  const valid = (pointer: string, value: string | null, what: string): string | null => {
    if (value === null || isRealDate(value)) return value;
    push(ctx, pointer, 'error', 'schema.date', messages['schema.date']({ what, value }), '实际存在的日期（YYYY-MM-DD）', value);
    return null;
  };
  const approved = valid('/approvedDate', doc.approvedDate, '批复日期');
  const published = valid('/publishedDate', doc.publishedDate, '公开日期');
  if (doc.publishedDate === null) {
    push(ctx, '/publishedDate', 'warning', 'plaus.no-published-date', messages['plaus.no-published-date']());
  } else if (doc.approvedDate === null) {
    push(ctx, '/approvedDate', 'notice', 'plaus.no-approval-date', messages['plaus.no-approval-date']({ days, working }));
  }
  if (approved === null || published === null) return;
  if (published < approved) {
    push(ctx, '/publishedDate', 'warning', 'plaus.published-before-approval', messages['plaus.published-before-approval']({ approved, published }), `≥ ${approved}`, published);
    return;
  }
  const deadline = working ? addWorkingDays(approved, days) : addDays(approved, days);
  if (published > deadline) {
    push(ctx, '/publishedDate', 'warning', 'plaus.deadline', messages['plaus.deadline']({ approved, published, days, working, deadline }), `≤ ${deadline}`, published);
  }
}

/** The sweep report: a blank one, one line per occurrence decided on, and the summary line logged at the end. */
import type { PlannedOccurrence } from "../../reminders/due.js";
import { teamScope } from "../../store/keys.js";
import type { OccurrenceStatus, SweepReport } from "./types.js";

export function emptyReport(at: Date, dryRun: boolean): SweepReport {
  return {
    at: at.toISOString(),
    dryRun,
    teams: 0,
    sent: 0,
    late: 0,
    superseded: 0,
    droppedPastDue: 0,
    failed: 0,
    paused: 0,
    deferred: 0,
    claimedElsewhere: 0,
    errors: 0,
    durationMs: 0,
    occurrences: [],
  };
}

export function record(
  report: SweepReport,
  occurrence: PlannedOccurrence,
  status: OccurrenceStatus,
  late: boolean,
  error?: string,
): void {
  report.occurrences.push({
    key: occurrence.key,
    team: teamScope(occurrence.team),
    kind: occurrence.kind,
    subject: occurrence.subject,
    dueDate: occurrence.dueDate,
    lead: occurrence.lead,
    sendAt: occurrence.sendAt.toISOString(),
    late,
    status,
    ...(error === undefined ? {} : { error }),
  });
}

/** Whether the sweep did anything worth an info line (else the summary is a debug line). */
export function wasBusy(report: SweepReport): boolean {
  const busy = report.sent + report.superseded + report.droppedPastDue + report.failed + report.paused;
  return busy > 0 || report.errors > 0;
}

export function summaryLine(report: SweepReport): string {
  const dryRun = report.dryRun;
  return `sweep ${report.at}${dryRun ? " (dry run)" : ""}: ${report.teams} teams, ${report.sent} ${dryRun ? "would send" : "sent"} (${report.late} late), ${report.superseded} superseded, ${report.droppedPastDue} dropped past due, ${report.failed} failed, ${report.paused} paused, ${report.deferred} deferred, ${report.errors} errors, ${report.durationMs} ms`;
}

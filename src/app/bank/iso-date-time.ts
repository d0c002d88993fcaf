// ISO 20022 date-times carry their UTC offset. Files are stamped in the programme's time zone so
// a person at the custodian reads the same local time Qanat shows.
const formatters = new Map<string, Intl.DateTimeFormat>();

export function isoDateTimeIn(instantUs: bigint, timeZone: string): string {
  const formatter =
    formatters.get(timeZone) ??
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    });
  formatters.set(timeZone, formatter);
  const parts = Object.fromEntries(
    formatter
      .formatToParts(new Date(Number(instantUs / 1000n)))
      .map((part) => [part.type, part.value]),
  );
  const offset =
    parts.timeZoneName === 'GMT' ? '+00:00' : String(parts.timeZoneName).replace('GMT', '');
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
}

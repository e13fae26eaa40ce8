import type { Element } from 'domhandler';
import { childrenNamed, firstText } from './dom.js';

// RSS 1.0 syndication module: the period, divided by the frequency (default daily, once).
const SY_PERIOD_MINUTES: Record<string, number> = { hourly: 60, daily: 1440, weekly: 10080, monthly: 43200, yearly: 525600 };

/** sy:updatePeriod / sy:updateFrequency of a channel or feed as minutes between updates. */
export function updatePeriodMinutes(channel: Element): number | undefined {
  const syPeriod = firstText(childrenNamed(channel, ['sy'], 'updateperiod'));
  const syFrequency = firstText(childrenNamed(channel, ['sy'], 'updatefrequency'));
  if (syPeriod === undefined && syFrequency === undefined) return undefined;
  const period = SY_PERIOD_MINUTES[syPeriod?.toLowerCase() ?? 'daily'];
  const frequency = Number.parseInt(syFrequency ?? '1', 10);
  return period !== undefined && frequency > 0 ? period / frequency : undefined;
}

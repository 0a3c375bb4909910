/**
 * The per-follower rate limit: how many of this run's new matches go out as individual alerts and
 * how many are folded into one batched message.
 */
export interface AlertDeliveryPlan {
  /** The first `single` matches (in article order) each get their own alert. */
  readonly single: number;
  /** The rest go into one batched message (0 when there is no batch). */
  readonly batched: number;
}

/**
 * `matches` new (claimed) matches for one follower, who already received `sentLastHour` alert
 * messages in the past hour, with at most `hourlyCap` an hour. Within the cap every match is its
 * own alert; beyond it the overflow becomes one message. An overflow of one stays a normal alert,
 * since a "batch" of one would be a message all the same.
 */
export function planAlertDelivery(
  matches: number,
  sentLastHour: number,
  hourlyCap: number,
): AlertDeliveryPlan {
  if (!Number.isInteger(matches) || matches < 0)
    throw new RangeError(`matches must be a count, got ${matches}`);
  if (!Number.isInteger(hourlyCap) || hourlyCap < 1) {
    throw new RangeError(`the hourly alert cap must be a positive integer, got ${hourlyCap}`);
  }
  const room = Math.max(0, hourlyCap - Math.max(0, sentLastHour));
  if (matches - room <= 1) return { single: matches, batched: 0 };
  return { single: room, batched: matches - room };
}

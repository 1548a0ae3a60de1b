/**
 * Sets `key` as the most recent entry of `map` (a Map keeps insertion order) and drops the least
 * recent entries beyond `max`: the in-memory caches beside the database (queue counts, session
 * checks) stay bounded this way.
 */
export function setRecent<K, V>(map: Map<K, V>, key: K, value: V, max: number): V {
  map.delete(key);
  map.set(key, value);
  while (map.size > max) map.delete(map.keys().next().value!);
  return value;
}

-- Written by `v100 perf gateway` next to its reports and passed to wrk with -s: after wrk's own report it prints
-- machine-readable totals and latency percentiles (microseconds), which WrkOutput parses.
done = function(summary, latency, requests)
  io.write(string.format("v100.requests=%d\n", summary.requests))
  io.write(string.format("v100.durationUs=%d\n", summary.duration))
  io.write(string.format("v100.bytes=%d\n", summary.bytes))
  io.write(string.format("v100.errors.connect=%d\n", summary.errors.connect))
  io.write(string.format("v100.errors.read=%d\n", summary.errors.read))
  io.write(string.format("v100.errors.write=%d\n", summary.errors.write))
  io.write(string.format("v100.errors.status=%d\n", summary.errors.status))
  io.write(string.format("v100.errors.timeout=%d\n", summary.errors.timeout))
  for _, p in ipairs({50, 90, 99, 99.9, 99.99}) do
    io.write(string.format("v100.latencyUs.p%s=%d\n", tostring(p), latency:percentile(p)))
  end
  io.write(string.format("v100.latencyUs.max=%d\n", latency.max))
  io.write(string.format("v100.latencyUs.mean=%.1f\n", latency.mean))
end

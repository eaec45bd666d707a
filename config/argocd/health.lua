-- Argo CD health check for myaccount.tenantcfg.io/MyAccountConfig.
-- Healthy: Ready=True at the current generation.
-- Degraded: Stalled=True (a person must act: bad spec, Secret, scopes, a
--   conflict) or drift left in place under driftPolicy Report, or writes
--   another writer keeps undoing (Drifted=True).
-- Progressing: not yet seen at this generation, or Reconciling=True
--   (retrying a rate limit or an unavailable tenant).
local hs = {status = "Progressing", message = "waiting for the myaccount operator"}
if obj.status == nil or obj.status.conditions == nil then
  return hs
end
if obj.metadata.generation ~= nil and obj.status.observedGeneration ~= obj.metadata.generation then
  hs.message = "the operator has not yet reconciled generation " .. tostring(obj.metadata.generation)
  return hs
end
local c = {}
for _, cond in ipairs(obj.status.conditions) do
  c[cond.type] = cond
end
if c.Drifted ~= nil and c.Drifted.status == "True" then
  hs.status = "Degraded"
  hs.message = c.Drifted.message
  return hs
end
if c.Stalled ~= nil and c.Stalled.status == "True" then
  hs.status = "Degraded"
  hs.message = c.Stalled.reason .. ": " .. c.Stalled.message
  return hs
end
if c.Reconciling ~= nil and c.Reconciling.status == "True" then
  hs.message = c.Reconciling.reason .. ": " .. c.Reconciling.message
  return hs
end
if c.Ready ~= nil and c.Ready.status == "True" then
  hs.status = "Healthy"
  hs.message = c.Ready.message
  return hs
end
if c.Ready ~= nil then
  hs.message = c.Ready.reason .. ": " .. c.Ready.message
end
return hs

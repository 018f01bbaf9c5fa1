-- A count of the flow that is not published is compute.FlowHidden (−1)
-- in Go, and NULL in the table, as an analyst reading it expects.
UPDATE actuals SET
    flow_filtered       = NULLIF(flow_filtered, -1),
    flow_not_applicable = NULLIF(flow_not_applicable, -1),
    flow_no_answer      = NULLIF(flow_no_answer, -1),
    flow_excluded       = NULLIF(flow_excluded, -1)
WHERE -1 IN (flow_filtered, flow_not_applicable, flow_no_answer, flow_excluded)

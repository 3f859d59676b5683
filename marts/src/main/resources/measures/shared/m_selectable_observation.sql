-- The observations some measure can select: coded in a loaded value set (m_coded) or with a direct-reference code
-- (m_direct_coded). Most observations (vital signs, survey items, ...) are in neither. A model of its own so that
-- it is materialized with its real size: a few percent of silver.observation, so m_observation's semi-join
-- broadcasts it (one scan of the observations) where the planner, estimating it from all of m_coded, would shuffle
-- every observation to meet it. Past the broadcast limit the join is a shuffle again, as it must be.
SELECT source_system, source_id FROM m_coded WHERE resource_type = 'Observation'
UNION
SELECT source_system, source_id FROM m_direct_coded WHERE resource_type = 'Observation'

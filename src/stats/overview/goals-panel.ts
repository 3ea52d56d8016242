import type { PanelContext } from './panel-context.ts';
import type { GoalsPanel } from './panel-types.ts';
import { runPanelQuery } from './run-panel-query.ts';

/** Each goal's conversions, overall and per class: "dark social converts at X% vs Y% for search". */
export async function goalsPanel(context: PanelContext): Promise<GoalsPanel> {
  const rows = await Promise.all(
    context.goals.map(async (goal) => {
      const byClass = await runPanelQuery(context, {
        siteId: context.siteId,
        metrics: ['visits', 'conversions', 'revenue'],
        dimensions: ['class'],
        filters: context.filters,
        from: context.from,
        to: context.to,
        goal: { kind: goal.kind, value: goal.value },
        limit: 100,
      });
      const visits = byClass.reduce((sum, row) => sum + (row.visits ?? 0), 0);
      const conversions = byClass.reduce((sum, row) => sum + (row.conversions ?? 0), 0);
      return {
        goal,
        conversions,
        rate: visits > 0 ? conversions / visits : 0,
        revenue: byClass.reduce((sum, row) => sum + (row.revenue ?? 0), 0),
        byClass: byClass.map((row) => ({
          class: row.class ?? '',
          visits: row.visits ?? 0,
          conversions: row.conversions ?? 0,
          rate: row.visits ? (row.conversions ?? 0) / row.visits : 0,
        })),
      };
    }),
  );
  return { rows };
}

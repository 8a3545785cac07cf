/**
 * The dictionary a new environment starts with (docs/comment-analysis.md, "Themes"). Patterns
 * match by stem, so "price" also finds "prices" and "pricing"; an admin edits the set with
 * setThemes. Migration 1765300000000 gave environments that existed before it the same set.
 */
export const STARTER_THEMES: ReadonlyArray<{ name: string; patterns: readonly string[] }> = [
  {
    name: 'Pricing',
    patterns: ['price', 'cost', 'expensive', 'cheap', 'plan', 'subscription', 'billing', 'invoice'],
  },
  {
    name: 'Speed and performance',
    patterns: [
      'slow',
      'slowly',
      'speed',
      'fast',
      'performance',
      'lag',
      'laggy',
      'loading',
      'load time',
    ],
  },
  {
    name: 'Bugs and errors',
    patterns: [
      'bug',
      'buggy',
      'error',
      'crash',
      'broken',
      'glitch',
      'does not work',
      "doesn't work",
    ],
  },
  {
    name: 'Support',
    patterns: ['support', 'customer service', 'help desk', 'response time', 'answer', 'helpful'],
  },
  {
    name: 'Ease of use',
    patterns: [
      'easy',
      'easier',
      'easily',
      'ease of use',
      'intuitive',
      'confusing',
      'user friendly',
      'simple',
      'complicated',
    ],
  },
  {
    name: 'Missing features',
    patterns: ['missing', 'feature request', 'wish', 'lack', 'would like', 'please add'],
  },
  {
    name: 'Onboarding',
    patterns: [
      'onboarding',
      'setup',
      'set up',
      'getting started',
      'tutorial',
      'documentation',
      'docs',
    ],
  },
  {
    name: 'Integrations',
    patterns: [
      'integration',
      'integrate',
      'api',
      'slack',
      'salesforce',
      'zapier',
      'export',
      'import',
      'sync',
    ],
  },
];

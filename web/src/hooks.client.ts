import { z } from 'zod';

// Zod's `new Function` probe counts as a CSP violation (no 'unsafe-eval'), though zod catches it.
z.config({ jitless: true });

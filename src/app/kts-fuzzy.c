/* kts-fuzzy.c: fuzzy (subsequence) matching for the quick-code search.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-fuzzy"

#include "config.h"

#include "kts-fuzzy.h"

static gboolean
is_word_start (const gunichar *text, guint i)
{
  gunichar prev;

  if (i == 0)
    return TRUE;
  prev = text[i - 1];
  if (!g_unichar_isalnum (prev))
    return TRUE;
  /* camelCase and "SDautonomy"-style boundaries */
  return g_unichar_islower (prev) && g_unichar_isupper (text[i]);
}

int
kts_fuzzy_score (const char *pattern, const char *candidate)
{
  g_autofree gunichar *pat = NULL;
  g_autofree gunichar *text = NULL;
  glong                n_pat = 0, n_text = 0;
  int                  best = -1;

  g_return_val_if_fail (pattern != NULL, -1);

  if (candidate == NULL)
    return -1;

  pat = g_utf8_to_ucs4_fast (pattern, -1, &n_pat);
  if (n_pat == 0)
    return 0;
  text = g_utf8_to_ucs4_fast (candidate, -1, &n_text);
  if (n_pat > n_text)
    return -1;

  /* Try every starting position of the first character and keep the best
   * greedy alignment from there; candidates are short (code names). */
  for (glong first = 0; first < n_text; first++)
    {
      int   score = 0;
      glong ti = first;
      glong prev = -2;
      glong pi;

      if (g_unichar_tolower (text[first]) != g_unichar_tolower (pat[0]))
        continue;

      for (pi = 0; pi < n_pat; pi++)
        {
          gunichar want = g_unichar_tolower (pat[pi]);
          glong    found = -1;

          /* Prefer a word start ahead over a plain match when not continuing
           * a run. */
          if (pi > 0 && ti < n_text && g_unichar_tolower (text[ti]) == want)
            found = ti;
          else
            {
              glong plain = -1;
              for (glong j = ti; j < n_text; j++)
                {
                  if (g_unichar_tolower (text[j]) != want)
                    continue;
                  if (is_word_start (text, (guint)j))
                    {
                      found = j;
                      break;
                    }
                  if (plain < 0)
                    plain = j;
                }
              if (found < 0)
                found = plain;
            }
          if (found < 0)
            break;

          score += 1;
          if (found == prev + 1)
            score += 8;
          else if (prev >= 0)
            score -= (int)MIN (found - prev - 1, 6); /* scattered letters count less */
          if (is_word_start (text, (guint)found))
            score += 6;
          if (found == 0)
            score += 10;
          if (text[found] == pat[pi])
            score += 1;
          prev = found;
          ti = found + 1;
        }

      if (pi < n_pat)
        continue;

      /* Shorter candidates and earlier matches rank higher. */
      score = score * 16 - (int)MIN (n_text, 15) - (int)MIN (first, 15);
      if (score < 0)
        score = 0;
      best = MAX (best, score);
    }

  return best;
}

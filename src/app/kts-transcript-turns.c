/* kts-transcript-turns.c: speaker labels and timestamps at the start of turns.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-transcript"

#include "config.h"

#include <string.h>

#include "kts-transcript-turns.h"

/* How far a label may reach: "Interviewer (00:01:02.5):" fits easily. */
#define SCAN_BYTES 96
#define GENERIC_LABEL_BYTES 40

static gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t';
}

static const char *
skip_blanks (const char *p, const char *limit)
{
  while (p < limit && is_blank (*p))
    p++;
  return p;
}

static const char *
match_digits (const char *p, const char *limit, int min, int max)
{
  int n = 0;

  while (p < limit && n < max && g_ascii_isdigit (*p))
    {
      p++;
      n++;
    }
  return n >= min ? p : NULL;
}

/* "[00:12:34]", "(12:34)", "00:12:34.5", "1:02:03,250". Returns the end or NULL. */
static const char *
match_timestamp (const char *p, const char *limit)
{
  char close = 0;

  if (p < limit && (*p == '[' || *p == '('))
    {
      close = *p == '[' ? ']' : ')';
      p++;
    }
  p = match_digits (p, limit, 1, 2);
  if (p == NULL || p >= limit || *p != ':')
    return NULL;
  p = match_digits (p + 1, limit, 2, 2);
  if (p == NULL)
    return NULL;
  if (p < limit && *p == ':')
    {
      const char *q = match_digits (p + 1, limit, 2, 2);

      if (q != NULL)
        p = q;
    }
  if (p < limit && (*p == '.' || *p == ','))
    {
      const char *q = match_digits (p + 1, limit, 1, 3);

      if (q != NULL)
        p = q;
    }
  if (close != 0)
    {
      if (p >= limit || *p != close)
        return NULL;
      p++;
    }
  /* "12:34pm" or "3:45 p.m." is not a transcript timestamp token. */
  if (p < limit && g_ascii_isalnum (*p))
    return NULL;
  return p;
}

static gboolean
label_matches (const char *p, const char *limit, const char *label, const char **end)
{
  gsize len = strlen (label);

  if (len == 0 || (gsize)(limit - p) < len)
    return FALSE;
  if (strncmp (p, label, len) != 0)
    {
      g_autofree char *a = g_utf8_casefold (p, len);
      g_autofree char *b = g_utf8_casefold (label, len);

      if (g_strcmp0 (a, b) != 0)
        return FALSE;
    }
  *end = p + len;
  return TRUE;
}

/* After a label: blanks, an optional timestamp, blanks, then ':'. */
static const char *
match_label_tail (const char *p, const char *limit, const char **time_start, const char **time_end)
{
  const char *t;

  p = skip_blanks (p, limit);
  t = match_timestamp (p, limit);
  if (t != NULL)
    {
      *time_start = p;
      *time_end = t;
      p = skip_blanks (t, limit);
    }
  if (p < limit && *p == ':')
    return p + 1;
  *time_start = *time_end = NULL;
  return NULL;
}

/* A short run of name characters ending in ':', as in "Dr. Meyer:" is not
 * accepted ('.' ends sentences), but "Anna:" and "Client 2:" are. */
static const char *
match_generic_label (const char  *p,
                     const char  *limit,
                     const char **time_start,
                     const char **time_end)
{
  const char *q = p;
  const char *stop = MIN (limit, p + GENERIC_LABEL_BYTES);

  while (q < stop && *q != ':' && *q != '\n')
    {
      if (strchr (".?!,;\"[(", *q) != NULL)
        break;
      q++;
    }
  if (q == p)
    return NULL;
  if (q < stop && *q == ':')
    return q + 1;
  /* "T (00:01:02):" or "T [00:01:02]:" */
  if (q < stop && (*q == '(' || *q == '['))
    {
      const char *name_end = q;

      while (name_end > p && is_blank (name_end[-1]))
        name_end--;
      if (name_end > p)
        return match_label_tail (name_end, limit, time_start, time_end);
    }
  return NULL;
}

void
kts_transcript_scan_turn (KtsDocument *document, guint turn_index, KtsTurnPrefix *prefix)
{
  const KtsTurn *turn;
  const char    *text;
  const char    *turn_p, *line_p, *limit, *p, *q;
  const char    *label_start = NULL, *label_end = NULL;
  const char    *time_start = NULL, *time_end = NULL;
  gsize          size;

  g_return_if_fail (KTS_IS_DOCUMENT (document));
  g_return_if_fail (turn_index < kts_document_get_n_turns (document));
  g_return_if_fail (prefix != NULL);

  turn = kts_document_get_turn (document, turn_index);
  text = kts_document_get_text (document);
  size = kts_document_get_text_size (document);
  memset (prefix, 0, sizeof *prefix);
  prefix->label_start = prefix->label_end = turn->start;
  prefix->time_start = prefix->time_end = turn->start;

  turn_p = text + kts_document_offset_to_byte (document, turn->start);

  /* The label may sit before the turn's start on the same line. */
  line_p = turn_p;
  while (line_p > text && line_p[-1] != '\n' && turn_p - line_p < SCAN_BYTES)
    line_p--;
  if (line_p > text && line_p[-1] != '\n')
    line_p = turn_p;

  limit = turn_p + SCAN_BYTES;
  if (limit > text + size)
    limit = text + size;
  q = memchr (turn_p, '\n', limit - turn_p);
  if (q != NULL)
    limit = q;
  /* Never split a UTF-8 sequence. */
  while (limit > turn_p && (*limit & 0xC0) == 0x80)
    limit--;

  p = skip_blanks (line_p, limit);
  q = match_timestamp (p, limit);
  if (q != NULL)
    {
      time_start = p;
      time_end = q;
      p = skip_blanks (q, limit);
    }

  if (turn->speaker >= 0)
    {
      const KtsSpeaker *speaker = kts_document_get_speaker (document, turn->speaker);
      const char       *after_label = NULL;
      const char       *ts = NULL, *te = NULL;

      if (speaker != NULL && speaker->label != NULL
          && label_matches (p, limit, speaker->label, &after_label))
        after_label = match_label_tail (after_label, limit, &ts, &te);
      if (after_label == NULL)
        after_label = match_generic_label (p, limit, &ts, &te);
      if (after_label != NULL)
        {
          label_start = p;
          label_end = after_label;
          if (ts != NULL && time_start == NULL)
            {
              time_start = ts;
              time_end = te;
            }
          p = skip_blanks (after_label, limit);
          if (time_start == NULL)
            {
              q = match_timestamp (p, limit);
              if (q != NULL)
                {
                  time_start = p;
                  time_end = q;
                }
            }
        }
    }

  if (label_start != NULL)
    {
      prefix->label_start = turn->start + g_utf8_pointer_to_offset (turn_p, label_start);
      prefix->label_end = turn->start + g_utf8_pointer_to_offset (turn_p, label_end);
    }
  if (time_start != NULL)
    {
      prefix->time_start = turn->start + g_utf8_pointer_to_offset (turn_p, time_start);
      prefix->time_end = turn->start + g_utf8_pointer_to_offset (turn_p, time_end);
    }
}

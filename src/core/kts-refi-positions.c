/* kts-refi-positions.c: how other programs counted text positions (code
 * points or UTF-16 units, CRLF as one or two, a byte order mark or not),
 * the evidence for each way, and conversion to our code point offsets.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-refi"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kts-import.h"
#include "kts-refi-private.h"

/* A byte offset is kept for every CHECKPOINT-th character. */
#define CHECKPOINT 256

struct _KtsRefiText
{
  char    *normalized;
  gsize    size;    /* bytes of @normalized */
  guint    n_chars; /* code points of @normalized */
  gboolean had_bom;
  GArray  *astral; /* guint: indexes of characters outside the BMP, sorted */
  GArray  *crlf;   /* guint: indexes of line breaks that were CRLF, sorted */
  GArray  *bytes;  /* gsize: byte offset of character k * CHECKPOINT */
};

KtsRefiText *
_kts_refi_text_new (const char *decoded, gboolean had_bom)
{
  KtsRefiText *text = g_new0 (KtsRefiText, 1);
  const char  *p = decoded;
  guint        index = 0;

  text->had_bom = had_bom;
  text->normalized = kts_text_normalize (decoded);
  text->size = strlen (text->normalized);
  text->astral = g_array_new (FALSE, FALSE, sizeof (guint));
  text->crlf = g_array_new (FALSE, FALSE, sizeof (guint));
  text->bytes = g_array_new (FALSE, FALSE, sizeof (gsize));

  /* kts_text_normalize() maps every character to one, except CRLF to LF. */
  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\r' && p[1] == '\n')
        {
          g_array_append_val (text->crlf, index);
          p += 2;
        }
      else
        {
          if (c > 0xFFFF)
            g_array_append_val (text->astral, index);
          p = g_utf8_next_char (p);
        }
      index++;
    }
  text->n_chars = index;

  index = 0;
  for (const char *q = text->normalized;; q = g_utf8_next_char (q), index++)
    {
      if (index % CHECKPOINT == 0)
        {
          gsize offset = (gsize)(q - text->normalized);

          g_array_append_val (text->bytes, offset);
        }
      if (*q == '\0')
        break;
    }
  g_assert (index == text->n_chars);
  return text;
}

void
_kts_refi_text_free (KtsRefiText *text)
{
  g_free (text->normalized);
  g_array_unref (text->astral);
  g_array_unref (text->crlf);
  g_array_unref (text->bytes);
  g_free (text);
}

const char *
_kts_refi_text_get_normalized (KtsRefiText *text)
{
  return text->normalized;
}

guint
_kts_refi_text_get_relevant (KtsRefiText *text)
{
  guint relevant = 0;

  if (text->astral->len > 0)
    relevant |= KTS_REFI_COUNT_UTF16;
  if (text->crlf->len > 0)
    relevant |= KTS_REFI_COUNT_CRLF_ONE;
  if (text->had_bom)
    relevant |= KTS_REFI_COUNT_BOM;
  return relevant;
}

/* Number of entries of the sorted @array below @index. */
static guint
count_below (GArray *array, guint index)
{
  guint lo = 0, hi = array->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (array, guint, mid) < index)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* The position the producer gives to the start of character @i. */
static gint64
position_of (KtsRefiText *text, KtsRefiCounting counting, guint i)
{
  gint64 pos = i;

  if (text->had_bom && (counting & KTS_REFI_COUNT_BOM))
    pos++;
  if (counting & KTS_REFI_COUNT_UTF16)
    pos += count_below (text->astral, i);
  if (!(counting & KTS_REFI_COUNT_CRLF_ONE))
    pos += count_below (text->crlf, i);
  return pos;
}

/* Converts; *@aligned tells whether @position falls between characters. */
static gboolean
convert (KtsRefiText    *text,
         KtsRefiCounting counting,
         gint64          position,
         gboolean        is_end,
         guint          *offset,
         gboolean       *aligned)
{
  guint lo = 0, hi = text->n_chars;

  *aligned = TRUE;
  if (position < 0 || position > position_of (text, counting, text->n_chars))
    return FALSE;
  if (position <= position_of (text, counting, 0))
    {
      /* At or before the start, e.g. 0 when the byte order mark is counted. */
      *offset = 0;
      return TRUE;
    }
  /* The last character whose start is at or before @position. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo + 1) / 2;

      if (position_of (text, counting, mid) <= position)
        lo = mid;
      else
        hi = mid - 1;
    }
  if (position_of (text, counting, lo) == position)
    *offset = lo;
  else
    {
      *aligned = FALSE;
      *offset = is_end ? lo + 1 : lo;
    }
  return TRUE;
}

gboolean
_kts_refi_text_convert (
    KtsRefiText *text, KtsRefiCounting counting, gint64 position, gboolean is_end, guint *offset)
{
  gboolean aligned;

  return convert (text, counting, position, is_end, offset, &aligned);
}

static const char *
pointer_at (KtsRefiText *text, guint offset)
{
  const char *p = text->normalized + g_array_index (text->bytes, gsize, offset / CHECKPOINT);

  for (guint k = offset % CHECKPOINT; k > 0; k--)
    p = g_utf8_next_char (p);
  return p;
}

char *
_kts_refi_text_slice (KtsRefiText *text, guint start, guint end)
{
  const char *s = pointer_at (text, start);
  const char *e = pointer_at (text, end);

  return g_strndup (s, (gsize)(e - s));
}

void
_kts_refi_text_score (KtsRefiText       *text,
                      KtsRefiCounting    counting,
                      const KtsRefiSpan *spans,
                      guint              n_spans,
                      KtsRefiScore      *score)
{
  memset (score, 0, sizeof *score);
  for (guint i = 0; i < n_spans; i++)
    {
      const KtsRefiSpan *span = &spans[i];
      guint              start, end;
      gboolean           start_aligned, end_aligned;

      if (span->start >= span->end
          || !convert (text, counting, span->start, FALSE, &start, &start_aligned)
          || !convert (text, counting, span->end, TRUE, &end, &end_aligned))
        {
          score->out_of_range++;
          continue;
        }
      if (!start_aligned || !end_aligned)
        score->misaligned++;
      if ((span->hints[0] != NULL || span->hints[1] != NULL) && start < end)
        {
          g_autofree char *selected = _kts_refi_text_slice (text, start, end);

          if (_kts_refi_hint_matches (span->hints[0], selected)
              || _kts_refi_hint_matches (span->hints[1], selected))
            score->matches++;
        }
    }
}

int
_kts_refi_score_compare (const KtsRefiScore *a, const KtsRefiScore *b)
{
  if (a->matches != b->matches)
    return a->matches > b->matches ? 1 : -1;
  if (a->out_of_range != b->out_of_range)
    return a->out_of_range < b->out_of_range ? 1 : -1;
  if (a->misaligned != b->misaligned)
    return a->misaligned < b->misaligned ? 1 : -1;
  return 0;
}

char *
_kts_refi_counting_describe (KtsRefiCounting counting, guint relevant)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new ();

  if (relevant & KTS_REFI_COUNT_UTF16)
    g_ptr_array_add (parts, (counting & KTS_REFI_COUNT_UTF16) ? _ ("UTF-16 code units")
                                                              : _ ("code points"));
  else
    g_ptr_array_add (parts, _ ("code points"));
  if (relevant & KTS_REFI_COUNT_CRLF_ONE)
    g_ptr_array_add (parts, (counting & KTS_REFI_COUNT_CRLF_ONE) ? _ ("CRLF as one character")
                                                                 : _ ("CRLF as two characters"));
  if (relevant & KTS_REFI_COUNT_BOM)
    g_ptr_array_add (parts, (counting & KTS_REFI_COUNT_BOM) ? _ ("byte order mark counted")
                                                            : _ ("byte order mark not counted"));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (", ", (char **)parts->pdata);
}

/* @text with runs of white space as one space, trimmed. */
static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x00A0 || c == 0xFEFF)
        {
          space = TRUE;
          continue;
        }
      if (space && out->len > 0)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

gboolean
_kts_refi_hint_matches (const char *hint, const char *text)
{
  g_autofree char *h = NULL;
  g_autofree char *t = NULL;
  gsize            n;

  if (hint == NULL || text == NULL || !g_utf8_validate (hint, -1, NULL))
    return FALSE;
  h = squeeze (hint);
  t = squeeze (text);
  if (h[0] == '\0')
    return FALSE;
  if (strcmp (h, t) == 0)
    return TRUE;

  /* "The first words…": a shortened text. */
  n = strlen (h);
  if (g_str_has_suffix (h, "…"))
    n -= strlen ("…");
  else if (g_str_has_suffix (h, "..."))
    n -= 3;
  else
    return FALSE;
  while (n > 0 && h[n - 1] == ' ')
    n--;
  return n > 0 && strncmp (h, t, n) == 0;
}

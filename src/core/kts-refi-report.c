/* kts-refi-report.c: the report of a REFI-QDA import: what was added,
 * matched, skipped or read differently.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-refi"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kts-refi.h"

typedef struct
{
  KtsRefiLineKind kind;
  char           *text;
} Line;

struct _KtsRefiReport
{
  gatomicrefcount ref_count;
  GArray         *lines; /* of Line */
};

G_DEFINE_BOXED_TYPE (KtsRefiReport, kts_refi_report, kts_refi_report_ref, kts_refi_report_unref)

static void
line_clear (gpointer data)
{
  Line *line = data;

  g_free (line->text);
}

KtsRefiReport *
kts_refi_report_new (void)
{
  KtsRefiReport *report = g_new0 (KtsRefiReport, 1);

  g_atomic_ref_count_init (&report->ref_count);
  report->lines = g_array_new (FALSE, FALSE, sizeof (Line));
  g_array_set_clear_func (report->lines, line_clear);
  return report;
}

KtsRefiReport *
kts_refi_report_ref (KtsRefiReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);

  g_atomic_ref_count_inc (&report->ref_count);
  return report;
}

void
kts_refi_report_unref (KtsRefiReport *report)
{
  g_return_if_fail (report != NULL);

  if (g_atomic_ref_count_dec (&report->ref_count))
    {
      g_array_unref (report->lines);
      g_free (report);
    }
}

void
kts_refi_report_add (KtsRefiReport *report, KtsRefiLineKind kind, const char *format, ...)
{
  Line    line;
  va_list args;

  g_return_if_fail (report != NULL);
  g_return_if_fail (format != NULL);

  va_start (args, format);
  line.kind = kind;
  line.text = g_strdup_vprintf (format, args);
  va_end (args);
  g_array_append_val (report->lines, line);
}

guint
kts_refi_report_get_n_lines (KtsRefiReport *report)
{
  g_return_val_if_fail (report != NULL, 0);

  return report->lines->len;
}

KtsRefiLineKind
kts_refi_report_get_kind (KtsRefiReport *report, guint index)
{
  g_return_val_if_fail (report != NULL, KTS_REFI_INFO);
  g_return_val_if_fail (index < report->lines->len, KTS_REFI_INFO);

  return g_array_index (report->lines, Line, index).kind;
}

const char *
kts_refi_report_get_text (KtsRefiReport *report, guint index)
{
  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (index < report->lines->len, NULL);

  return g_array_index (report->lines, Line, index).text;
}

guint
kts_refi_report_count (KtsRefiReport *report, KtsRefiLineKind kind)
{
  guint n = 0;

  g_return_val_if_fail (report != NULL, 0);

  for (guint i = 0; i < report->lines->len; i++)
    n += g_array_index (report->lines, Line, i).kind == kind;
  return n;
}

const char *
kts_refi_report_find (KtsRefiReport *report, KtsRefiLineKind kind, const char *substring)
{
  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (substring != NULL, NULL);

  for (guint i = 0; i < report->lines->len; i++)
    {
      Line *line = &g_array_index (report->lines, Line, i);

      if (line->kind == kind && strstr (line->text, substring) != NULL)
        return line->text;
    }
  return NULL;
}

char *
kts_refi_report_to_string (KtsRefiReport *report)
{
  /* In the order a reader wants them: what happened, then what did not. */
  static const KtsRefiLineKind order[]
      = { KTS_REFI_INFO, KTS_REFI_ADDED, KTS_REFI_MATCHED, KTS_REFI_SKIPPED, KTS_REFI_WARNING };
  GString *out;

  g_return_val_if_fail (report != NULL, NULL);

  out = g_string_new (NULL);
  g_string_append_printf (out,
                          /* Translators: the summary line of an import report */
                          _ ("%u added, %u matched, %u skipped, %u warnings"),
                          kts_refi_report_count (report, KTS_REFI_ADDED),
                          kts_refi_report_count (report, KTS_REFI_MATCHED),
                          kts_refi_report_count (report, KTS_REFI_SKIPPED),
                          kts_refi_report_count (report, KTS_REFI_WARNING));
  g_string_append_c (out, '\n');

  for (guint k = 0; k < G_N_ELEMENTS (order); k++)
    {
      const char *heading = NULL;

      if (kts_refi_report_count (report, order[k]) == 0)
        continue;
      switch (order[k])
        {
        case KTS_REFI_ADDED:
          heading = _ ("Added:");
          break;
        case KTS_REFI_MATCHED:
          heading = _ ("Matched:");
          break;
        case KTS_REFI_SKIPPED:
          heading = _ ("Skipped:");
          break;
        case KTS_REFI_WARNING:
          heading = _ ("Warnings:");
          break;
        case KTS_REFI_INFO:
        default:
          heading = _ ("Notes:");
          break;
        }
      g_string_append_printf (out, "%s\n", heading);
      for (guint i = 0; i < report->lines->len; i++)
        {
          Line *line = &g_array_index (report->lines, Line, i);

          if (line->kind == order[k])
            g_string_append_printf (out, "  %s\n", line->text);
        }
    }
  return g_string_free (out, FALSE);
}

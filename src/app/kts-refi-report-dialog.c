/* kts-refi-report-dialog.c: what a REFI-QDA import added, matched, skipped and read differently.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-refi-report-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "kts-refi-report-dialog.h"

/* Lines shown before the rest of a group folds into "Show N More", and the
 * most rows a group gets (the copied report has them all). */
#define SHOWN_LINES 5
#define MAX_LINES 500

struct _KtsRefiReportDialog
{
  AdwWindow parent_instance;

  AdwWindowTitle     *window_title;
  AdwToastOverlay    *toast_overlay;
  AdwPreferencesPage *page;
  GtkWidget          *heading_label;
  GtkWidget          *summary_label;

  KtsRefiReport *report;
  char          *summary;
};

G_DEFINE_FINAL_TYPE (KtsRefiReportDialog, kts_refi_report_dialog, ADW_TYPE_WINDOW)

static const struct
{
  KtsRefiLineKind kind;
  const char     *title;
  const char     *icon;
  const char     *style;
} kinds[] = {
  { KTS_REFI_INFO, N_ ("How the File Was Read"), "dialog-information-symbolic", NULL },
  { KTS_REFI_ADDED, N_ ("Added"), "list-add-symbolic", "success" },
  { KTS_REFI_MATCHED, N_ ("Matched"), "emblem-ok-symbolic", "accent" },
  { KTS_REFI_SKIPPED, N_ ("Skipped"), "action-unavailable-symbolic", "error" },
  { KTS_REFI_WARNING, N_ ("Warnings"), "dialog-warning-symbolic", "warning" },
};

static GtkWidget *
line_row (KtsRefiReport *report, guint index, guint kind)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (kinds[kind].icon);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 kts_refi_report_get_text (report, index));
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  if (kinds[kind].style != NULL)
    gtk_widget_add_css_class (icon, kinds[kind].style);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ (kinds[kind].title), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  return row;
}

static void
add_group (KtsRefiReportDialog *self, guint kind)
{
  guint            count = kts_refi_report_count (self->report, kinds[kind].kind);
  guint            n_lines = kts_refi_report_get_n_lines (self->report);
  GtkWidget       *group;
  GtkWidget       *more = NULL;
  GtkWidget       *suffix;
  g_autofree char *number = NULL;
  guint            shown = 0;

  if (count == 0)
    return;

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _ (kinds[kind].title));
  number = g_strdup_printf ("%u", count);
  suffix = gtk_label_new (number);
  gtk_widget_add_css_class (suffix, "dim-label");
  gtk_widget_add_css_class (suffix, "numeric");
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), suffix);

  for (guint i = 0; i < n_lines && shown < MAX_LINES; i++)
    {
      if (kts_refi_report_get_kind (self->report, i) != kinds[kind].kind)
        continue;
      /* A short group shows every line; a long one its first lines, then
       * the rest folded. */
      if (shown < SHOWN_LINES || count <= SHOWN_LINES + 1)
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), line_row (self->report, i, kind));
      else
        {
          if (more == NULL)
            {
              g_autofree char *title
                  = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show %u More", "Show %u More",
                                                  count - SHOWN_LINES),
                                     count - SHOWN_LINES);

              more = adw_expander_row_new ();
              adw_preferences_row_set_title (ADW_PREFERENCES_ROW (more), title);
              adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), more);
            }
          adw_expander_row_add_row (ADW_EXPANDER_ROW (more), line_row (self->report, i, kind));
        }
      shown++;
    }
  if (count > shown && more != NULL)
    {
      g_autofree char *title
          = g_strdup_printf (_ ("…and %u more: copy the report to see them all."), count - shown);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (more), row);
    }

  adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (group));
}

/* One sentence on what to look at. */
static const char *
summary_hint (KtsRefiReport *report)
{
  if (kts_refi_report_count (report, KTS_REFI_SKIPPED) > 0)
    return _ ("Some things in the file were left out; the list below says what and why.");
  if (kts_refi_report_count (report, KTS_REFI_WARNING) > 0)
    return _ (
        "Everything was read, but some of it not exactly as written; see the warnings below.");
  return _ ("Everything in the file was read.");
}

static void
action_copy (GtkWidget *widget, const char *name, GVariant *param)
{
  KtsRefiReportDialog *self = KTS_REFI_REPORT_DIALOG (widget);
  g_autofree char     *text = kts_refi_report_to_string (self->report);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_ ("Report copied")));
}

KtsRefiReport *
kts_refi_report_dialog_get_report (KtsRefiReportDialog *self)
{
  g_return_val_if_fail (KTS_IS_REFI_REPORT_DIALOG (self), NULL);
  return self->report;
}

const char *
kts_refi_report_dialog_get_heading (KtsRefiReportDialog *self)
{
  g_return_val_if_fail (KTS_IS_REFI_REPORT_DIALOG (self), NULL);
  return adw_window_title_get_title (self->window_title);
}

const char *
kts_refi_report_dialog_get_summary (KtsRefiReportDialog *self)
{
  g_return_val_if_fail (KTS_IS_REFI_REPORT_DIALOG (self), NULL);
  return self->summary;
}

static void
kts_refi_report_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KTS_TYPE_REFI_REPORT_DIALOG);
  G_OBJECT_CLASS (kts_refi_report_dialog_parent_class)->dispose (object);
}

static void
kts_refi_report_dialog_finalize (GObject *object)
{
  KtsRefiReportDialog *self = KTS_REFI_REPORT_DIALOG (object);

  g_clear_pointer (&self->report, kts_refi_report_unref);
  g_free (self->summary);
  G_OBJECT_CLASS (kts_refi_report_dialog_parent_class)->finalize (object);
}

static void
kts_refi_report_dialog_class_init (KtsRefiReportDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kts_refi_report_dialog_dispose;
  object_class->finalize = kts_refi_report_dialog_finalize;

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/kintsugi_qda/Kintsugi/kts-refi-report-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KtsRefiReportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, KtsRefiReportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KtsRefiReportDialog, page);
  gtk_widget_class_bind_template_child (widget_class, KtsRefiReportDialog, heading_label);
  gtk_widget_class_bind_template_child (widget_class, KtsRefiReportDialog, summary_label);
  gtk_widget_class_install_action (widget_class, "report.copy", NULL, action_copy);
}

static void
kts_refi_report_dialog_init (KtsRefiReportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

KtsRefiReportDialog *
kts_refi_report_dialog_new (GtkWindow     *transient_for,
                            const char    *heading,
                            const char    *filename,
                            KtsRefiReport *report)
{
  KtsRefiReportDialog *self;

  g_return_val_if_fail (transient_for == NULL || GTK_IS_WINDOW (transient_for), NULL);
  g_return_val_if_fail (heading != NULL, NULL);
  g_return_val_if_fail (report != NULL, NULL);

  self = g_object_new (KTS_TYPE_REFI_REPORT_DIALOG, "transient-for", transient_for, "title",
                       heading, NULL);
  self->report = kts_refi_report_ref (report);

  adw_window_title_set_title (self->window_title, heading);
  adw_window_title_set_subtitle (self->window_title, filename);
  self->summary = g_strdup_printf (
      /* Translators: the summary of a REFI-QDA import report */
      _ ("%u added, %u matched, %u skipped, %u warnings"),
      kts_refi_report_count (report, KTS_REFI_ADDED),
      kts_refi_report_count (report, KTS_REFI_MATCHED),
      kts_refi_report_count (report, KTS_REFI_SKIPPED),
      kts_refi_report_count (report, KTS_REFI_WARNING));
  gtk_label_set_label (GTK_LABEL (self->heading_label), self->summary);
  gtk_label_set_label (GTK_LABEL (self->summary_label), summary_hint (report));
  gtk_widget_set_visible (self->summary_label,
                          *gtk_label_get_label (GTK_LABEL (self->summary_label)) != '\0');

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    add_group (self, k);
  return self;
}

/* kts-analysis-view.c: the Analysis view of the window: coded segments, frequencies,
 * agreement and sequences.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-analysis-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "kts-agreement-panel.h"
#include "kts-analysis-view.h"
#include "kts-frequency-table.h"
#include "kts-segment-list.h"
#include "kts-sequence-panel.h"

struct _KtsAnalysisView
{
  GtkWidget parent_instance;

  GtkWidget *sidebar;
  GtkWidget *page_list;
  GtkWidget *stack;
  GtkWidget *segments_page;
  GtkWidget *frequencies_page;
  GtkWidget *agreement_page;
  GtkWidget *sequences_page;
};

G_DEFINE_FINAL_TYPE (KtsAnalysisView, kts_analysis_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_PAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- helpers for the pages ----------------------------------------------------------- */

void
kts_analysis_toast (GtkWidget *widget, const char *title)
{
  GtkWidget *overlay;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (title != NULL);

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (title));
  else
    g_message ("%s", title);
}

void
kts_analysis_show_error (GtkWidget *widget, const char *heading, const char *body)
{
  GtkRoot   *root;
  GtkWidget *dialog;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  root = gtk_widget_get_root (widget);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  GtkWidget *widget;
  GBytes    *bytes;
  char      *done_message;
  GFile     *file;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->widget);
  g_clear_pointer (&data->bytes, g_bytes_unref);
  g_clear_object (&data->file);
  g_free (data->done_message);
  g_free (data);
}

static void
save_written_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  SaveData *data = user_data;
  g_autoptr (GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      g_autofree char *name = g_file_get_parse_name (data->file);
      g_autofree char *heading = g_strdup_printf (_ ("Could Not Write “%s”"), name);
      kts_analysis_show_error (data->widget, heading, error->message);
    }
  else
    {
      g_autofree char *base = g_file_get_basename (data->file);
      /* Translators: "Exported 12 segments to coded-segments.csv" */
      g_autofree char *title = g_strdup_printf (_ ("%s to %s"), data->done_message, base);
      kts_analysis_toast (data->widget, title);
    }
  save_data_free (data);
}

static void
save_response_cb (GtkNativeDialog *native, int response, gpointer user_data)
{
  SaveData *data = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      gsize         size;
      gconstpointer contents = g_bytes_get_data (data->bytes, &size);

      data->file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_file_replace_contents_async (data->file, contents, size, NULL, FALSE,
                                     G_FILE_CREATE_REPLACE_DESTINATION, NULL, save_written_cb,
                                     data);
    }
  else
    save_data_free (data);
  g_object_unref (native);
}

void
kts_analysis_save_bytes (GtkWidget  *widget,
                         const char *title,
                         const char *suggested_name,
                         GBytes     *bytes,
                         const char *done_message)
{
  GtkRoot              *root;
  GtkFileChooserNative *native;
  SaveData             *data;
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (bytes != NULL);

  root = gtk_widget_get_root (widget);
  native = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Save"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_filter_set_name (filter, _ ("CSV Tables"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), suggested_name);

  data = g_new0 (SaveData, 1);
  data->widget = g_object_ref (widget);
  data->bytes = g_bytes_ref (bytes);
  data->done_message = g_strdup (done_message);
  g_signal_connect (native, "response", G_CALLBACK (save_response_cb), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* ---- the view ---------------------------------------------------------------------- */

static void
row_selected_cb (KtsAnalysisView *self, GtkListBoxRow *row)
{
  if (row == NULL)
    return;
  kts_analysis_view_set_page (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

static void
kts_analysis_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KTS_TYPE_ANALYSIS_VIEW);
  /* The template's root box has no id, so the template does not unparent it. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL;)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (kts_analysis_view_parent_class)->dispose (object);
}

static void
kts_analysis_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KtsAnalysisView *self = KTS_ANALYSIS_VIEW (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      g_value_set_string (value, kts_analysis_view_get_page (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kts_analysis_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  KtsAnalysisView *self = KTS_ANALYSIS_VIEW (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      kts_analysis_view_set_page (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kts_analysis_view_class_init (KtsAnalysisViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kts_analysis_view_dispose;
  object_class->get_property = kts_analysis_view_get_property;
  object_class->set_property = kts_analysis_view_set_property;

  properties[PROP_PAGE]
      = g_param_spec_string ("page", NULL, NULL, "segments",
                             G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KTS_TYPE_SEGMENT_LIST);
  g_type_ensure (KTS_TYPE_FREQUENCY_TABLE);
  g_type_ensure (KTS_TYPE_AGREEMENT_PANEL);
  g_type_ensure (KTS_TYPE_SEQUENCE_PANEL);
  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/kintsugi_qda/Kintsugi/kts-analysis-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KtsAnalysisView, sidebar);
  gtk_widget_class_bind_template_child (widget_class, KtsAnalysisView, page_list);
  gtk_widget_class_bind_template_child (widget_class, KtsAnalysisView, stack);
  gtk_widget_class_bind_template_child (widget_class, KtsAnalysisView, segments_page);
  gtk_widget_class_bind_template_child (widget_class, KtsAnalysisView, frequencies_page);
  gtk_widget_class_bind_template_child (widget_class, KtsAnalysisView, agreement_page);
  gtk_widget_class_bind_template_child (widget_class, KtsAnalysisView, sequences_page);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "analysisview");
}

static void
kts_analysis_view_init (KtsAnalysisView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_select_row (GTK_LIST_BOX (self->page_list),
                           gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->page_list), 0));
}

GtkWidget *
kts_analysis_view_new (void)
{
  return g_object_new (KTS_TYPE_ANALYSIS_VIEW, NULL);
}

void
kts_analysis_view_set_project (KtsAnalysisView *self, KtsProject *project)
{
  g_return_if_fail (KTS_IS_ANALYSIS_VIEW (self));
  g_return_if_fail (project == NULL || KTS_IS_PROJECT (project));

  kts_segment_list_set_project (KTS_SEGMENT_LIST (self->segments_page), project);
  kts_frequency_table_set_project (KTS_FREQUENCY_TABLE (self->frequencies_page), project);
  kts_agreement_panel_set_project (KTS_AGREEMENT_PANEL (self->agreement_page), project);
  kts_sequence_panel_set_project (KTS_SEQUENCE_PANEL (self->sequences_page), project);
}

const char *
kts_analysis_view_get_page (KtsAnalysisView *self)
{
  g_return_val_if_fail (KTS_IS_ANALYSIS_VIEW (self), NULL);
  return gtk_stack_get_visible_child_name (GTK_STACK (self->stack));
}

void
kts_analysis_view_set_page (KtsAnalysisView *self, const char *page)
{
  GtkWidget *child;

  g_return_if_fail (KTS_IS_ANALYSIS_VIEW (self));
  g_return_if_fail (page != NULL);

  child = gtk_stack_get_child_by_name (GTK_STACK (self->stack), page);
  if (child == NULL || g_strcmp0 (kts_analysis_view_get_page (self), page) == 0)
    return;
  gtk_stack_set_visible_child (GTK_STACK (self->stack), child);

  for (GtkWidget *row = gtk_widget_get_first_child (self->page_list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && g_str_equal (gtk_widget_get_name (row), page)
        && !gtk_list_box_row_is_selected (GTK_LIST_BOX_ROW (row)))
      gtk_list_box_select_row (GTK_LIST_BOX (self->page_list), GTK_LIST_BOX_ROW (row));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

GtkWidget *
kts_analysis_view_get_page_widget (KtsAnalysisView *self, const char *page)
{
  g_return_val_if_fail (KTS_IS_ANALYSIS_VIEW (self), NULL);
  g_return_val_if_fail (page != NULL, NULL);

  return gtk_stack_get_child_by_name (GTK_STACK (self->stack), page);
}

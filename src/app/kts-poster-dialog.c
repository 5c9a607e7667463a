/* kts-poster-dialog.c: Export Poster: paper, layout, format and tiling, with a live preview.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-poster-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "kts-poster-dialog.h"

#define PREVIEW_DELAY_MS 150
#define PREVIEW_LONG_SIDE 960

static const struct
{
  const char *name; /* for kts_poster_parse_paper() */
  const char *label;
} papers[] = {
  { "a0", N_ ("A0 (841 × 1189 mm)") },        { "a1", N_ ("A1 (594 × 841 mm)") },
  { "a2", N_ ("A2 (420 × 594 mm)") },         { "a3", N_ ("A3 (297 × 420 mm)") },
  { "a4", N_ ("A4 (210 × 297 mm)") },         { "letter", N_ ("Letter (8.5 × 11 in)") },
  { "tabloid", N_ ("Tabloid (11 × 17 in)") }, { NULL, N_ ("Custom size") },
};
#define PAPER_A1 1
#define PAPER_CUSTOM (G_N_ELEMENTS (papers) - 1)

static const struct
{
  const char *name;
  const char *label;
} tiles[] = {
  { NULL, N_ ("None") },
  { "a4", N_ ("A4") },
  { "a3", N_ ("A3") },
  { "letter", N_ ("Letter") },
};

struct _KtsPosterDialog
{
  AdwWindow parent_instance;

  GtkWidget *export_button;
  GtkWidget *picture;
  GtkWidget *spinner;
  GtkWidget *sheet_label;
  GtkWidget *previous_button;
  GtkWidget *next_button;
  GtkWidget *summary_label;
  GtkWidget *paper_row;
  GtkWidget *custom_width_row;
  GtkWidget *custom_height_row;
  GtkWidget *custom_width;
  GtkWidget *custom_height;
  GtkWidget *orientation_row;
  GtkWidget *layout_row;
  GtkWidget *format_row;
  GtkWidget *dpi_row;
  GtkWidget *dpi;
  GtkWidget *tile_row;
  GtkWidget *overlap_row;
  GtkWidget *overlap;
  GtkWidget *date_row;

  KtsEpisode *episode;
  char       *codebook_version;
  char       *date; /* what the options point at */
  char       *summary;
  GdkTexture *preview;

  guint    sheet; /* shown */
  guint    n_sheets;
  guint    generation;
  guint    preview_source;
  guint    running; /* preview jobs under way */
  gboolean exporting;
  gboolean disposed;
  GFile   *pending_file; /* waiting for the pseudonymisation answer */
};

G_DEFINE_FINAL_TYPE (KtsPosterDialog, kts_poster_dialog, ADW_TYPE_WINDOW)

enum
{
  PROP_0,
  PROP_PREVIEW,
  PROP_SUMMARY,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  EXPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void schedule_preview (KtsPosterDialog *self);

/* ---- the form's options ------------------------------------------------------------ */

void
kts_poster_dialog_get_options (KtsPosterDialog  *self,
                               KtsPosterOptions *options,
                               KtsPosterFormat  *format)
{
  guint    paper = adw_combo_row_get_selected (ADW_COMBO_ROW (self->paper_row));
  guint    tile = adw_combo_row_get_selected (ADW_COMBO_ROW (self->tile_row));
  double   w = 841, h = 594;
  gboolean landscape = adw_combo_row_get_selected (ADW_COMBO_ROW (self->orientation_row)) == 0;
  KtsPosterFormat fmt
      = (KtsPosterFormat)adw_combo_row_get_selected (ADW_COMBO_ROW (self->format_row));
  const char *date = gtk_editable_get_text (GTK_EDITABLE (self->date_row));

  g_return_if_fail (KTS_IS_POSTER_DIALOG (self));
  g_return_if_fail (options != NULL);

  kts_poster_options_init (options);
  if (paper == PAPER_CUSTOM)
    {
      w = gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->custom_width));
      h = gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->custom_height));
    }
  else if (paper < G_N_ELEMENTS (papers))
    kts_poster_parse_paper (papers[paper].name, &w, &h, NULL);
  if (paper != PAPER_CUSTOM)
    {
      double a = MIN (w, h), b = MAX (w, h);
      w = landscape ? b : a;
      h = landscape ? a : b;
    }
  options->paper_width = w;
  options->paper_height = h;
  /* The rows of the layout choice are the arrangements in their order. */
  options->arrangement = (KtsMapArrangement)MIN (
      adw_combo_row_get_selected (ADW_COMBO_ROW (self->layout_row)), KTS_MAP_ARRANGEMENT_FLOWCHART);
  options->codebook_version = self->codebook_version;
  options->dpi = gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->dpi));
  /* A date that is not YYYY-MM-DD is left out (today is printed). */
  g_free (self->date);
  self->date = NULL;
  if (date != NULL && strlen (date) == 10 && g_ascii_isdigit (date[0]) && date[4] == '-'
      && date[7] == '-')
    {
      g_autoptr (GDateTime) parsed = NULL;
      g_autofree char *iso = g_strdup_printf ("%sT00:00:00Z", date);

      parsed = g_date_time_new_from_iso8601 (iso, NULL);
      if (parsed != NULL)
        self->date = g_strdup (date);
    }
  options->date = self->date;
  if (fmt == KTS_POSTER_FORMAT_PDF && tile > 0 && tile < G_N_ELEMENTS (tiles))
    {
      double tw, th;

      kts_poster_parse_paper (tiles[tile].name, &tw, &th, NULL);
      options->tile_width = tw;
      options->tile_height = th;
      options->tile_overlap = gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->overlap));
    }
  if (format != NULL)
    *format = fmt;
}

static void
update_form (KtsPosterDialog *self)
{
  gboolean custom = adw_combo_row_get_selected (ADW_COMBO_ROW (self->paper_row)) == PAPER_CUSTOM;
  KtsPosterFormat format
      = (KtsPosterFormat)adw_combo_row_get_selected (ADW_COMBO_ROW (self->format_row));
  gboolean tiled = adw_combo_row_get_selected (ADW_COMBO_ROW (self->tile_row)) > 0;

  gtk_widget_set_visible (self->custom_width_row, custom);
  gtk_widget_set_visible (self->custom_height_row, custom);
  gtk_widget_set_sensitive (self->orientation_row, !custom);
  gtk_widget_set_visible (self->dpi_row, format == KTS_POSTER_FORMAT_PNG);
  gtk_widget_set_sensitive (self->tile_row, format == KTS_POSTER_FORMAT_PDF);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->tile_row),
                               format == KTS_POSTER_FORMAT_PDF
                                   ? _ ("Cut each sheet into pages with crop marks")
                                   : _ ("Tiling makes a PDF"));
  gtk_widget_set_visible (self->overlap_row, tiled && format == KTS_POSTER_FORMAT_PDF);
  adw_action_row_set_subtitle (
      ADW_ACTION_ROW (self->format_row),
      format == KTS_POSTER_FORMAT_PDF   ? _ ("Vector, every sheet a page, text searchable")
      : format == KTS_POSTER_FORMAT_SVG ? _ ("Vector, one file per sheet, text as outlines")
                                        : _ ("Image, one file per sheet"));
  switch (adw_combo_row_get_selected (ADW_COMBO_ROW (self->layout_row)))
    {
    case KTS_MAP_ARRANGEMENT_DYAD:
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->layout_row),
                                   _ ("The therapist above the spine, the client below"));
      break;
    case KTS_MAP_ARRANGEMENT_FLOWCHART:
      adw_action_row_set_subtitle (
          ADW_ACTION_ROW (self->layout_row),
          gtk_widget_get_sensitive (self->layout_row)
              ? _ ("The steps in order, rupture and repair bracketed, no theory codes")
              : _ ("The theory layers are locked: only the flowchart can be printed"));
      break;
    case KTS_MAP_ARRANGEMENT_SURFACE:
    default:
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->layout_row),
                                   _ ("Self-definition above the spine, relatedness below"));
      break;
    }
}

static void
option_changed_cb (KtsPosterDialog *self)
{
  update_form (self);
  self->sheet = 0;
  schedule_preview (self);
}

/* ---- the preview ---------------------------------------------------------------------- */

typedef struct
{
  KtsEpisode      *episode;
  KtsPosterOptions options;
  char            *date;
  char            *version;
  guint            sheet;
  guint            generation;
  gboolean         landscape;

  /* results */
  GBytes *pixels;
  int     width, height, stride;
  guint   n_sheets, n_pages, n_appendix, tile_rows, tile_cols;
  double  body_pt, quote_pt;
} PreviewJob;

static void
preview_job_free (gpointer data)
{
  PreviewJob *job = data;

  g_clear_object (&job->episode);
  g_free (job->date);
  g_free (job->version);
  g_clear_pointer (&job->pixels, g_bytes_unref);
  g_free (job);
}

static void
preview_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  PreviewJob *job = data;
  g_autoptr (KtsPoster) poster = NULL;
  cairo_surface_t *surface;
  cairo_t         *cr;
  double           w, h, scale;
  guint            sheet;

  job->options.date = job->date;
  job->options.codebook_version = job->version;
  poster = kts_poster_new (job->episode, &job->options);
  job->n_sheets = kts_poster_get_n_sheets (poster);
  job->n_pages = kts_poster_get_n_pages (poster);
  job->n_appendix = kts_poster_get_n_appendix_sheets (poster);
  job->body_pt = kts_poster_get_font_size (poster, KTS_POSTER_TEXT_BODY);
  job->quote_pt = kts_poster_get_font_size (poster, KTS_POSTER_TEXT_QUOTE);
  kts_poster_get_tiling (poster, &job->tile_rows, &job->tile_cols, NULL, NULL);
  sheet = MIN (job->sheet, job->n_sheets - 1);
  job->sheet = sheet;

  /* The sheet in points: the map sheets are the paper, the appendix too
   * unless tiled (then the tile paper). */
  w = job->options.paper_width / 25.4 * 72;
  h = job->options.paper_height / 25.4 * 72;
  if (sheet >= job->n_sheets - job->n_appendix && job->options.tile_width > 0)
    {
      guint page = kts_poster_get_n_pages (poster) - (job->n_sheets - sheet);
      kts_poster_get_page_size (poster, page, &w, &h);
    }
  scale = PREVIEW_LONG_SIDE / MAX (w, h);
  job->width = MAX (1, (int)ceil (w * scale));
  job->height = MAX (1, (int)ceil (h * scale));

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, job->width, job->height);
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  kts_poster_draw_sheet (poster, cr, sheet);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  job->stride = cairo_image_surface_get_stride (surface);
  job->pixels = g_bytes_new (cairo_image_surface_get_data (surface),
                             (gsize)job->stride * (gsize)job->height);
  cairo_surface_destroy (surface);
  g_task_return_boolean (task, TRUE);
}

static void
set_busy_changed (KtsPosterDialog *self, gboolean was_busy)
{
  gboolean busy = kts_poster_dialog_get_busy (self);

  gtk_widget_set_visible (self->spinner, self->running > 0);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), self->running > 0);
  gtk_widget_set_sensitive (self->export_button, !self->exporting);
  if (busy != was_busy)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static char *
paper_description (KtsPosterDialog *self, const KtsPosterOptions *options)
{
  guint paper = adw_combo_row_get_selected (ADW_COMBO_ROW (self->paper_row));

  if (paper == PAPER_CUSTOM)
    return g_strdup_printf (_ ("%.0f × %.0f mm"), options->paper_width, options->paper_height);
  {
    /* "A1", "Letter", "Tabloid" */
    g_autofree char *name
        = g_str_has_prefix (papers[paper].name, "a")
              ? g_ascii_strup (papers[paper].name, -1)
              : g_strdup (g_str_equal (papers[paper].name, "letter") ? _ ("Letter")
                                                                     : _ ("Tabloid"));

    return g_strdup_printf (options->paper_width > options->paper_height ? _ ("%s landscape")
                                                                         : _ ("%s portrait"),
                            name);
  }
}

static void
preview_done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  KtsPosterDialog *self = KTS_POSTER_DIALOG (source);
  PreviewJob      *job = g_task_get_task_data (G_TASK (result));
  gboolean         was_busy = kts_poster_dialog_get_busy (self);
  g_autofree char *paper = NULL;
  g_autofree char *sheets = NULL;
  g_autofree char *text = NULL;
  g_autofree char *sheet_text = NULL;
  KtsPosterOptions options;

  self->running--;
  if (self->disposed)
    return;
  if (job->generation != self->generation || !g_task_propagate_boolean (G_TASK (result), NULL))
    {
      set_busy_changed (self, was_busy);
      return;
    }

  g_clear_object (&self->preview);
  self->preview = gdk_memory_texture_new (job->width, job->height, GDK_MEMORY_DEFAULT, job->pixels,
                                          job->stride);
  gtk_picture_set_paintable (GTK_PICTURE (self->picture), GDK_PAINTABLE (self->preview));
  self->n_sheets = job->n_sheets;
  self->sheet = job->sheet;

  kts_poster_dialog_get_options (self, &options, NULL);
  paper = paper_description (self, &options);
  sheets = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u sheet of %s", "%u sheets of %s",
                                         job->n_sheets - job->n_appendix),
                            job->n_sheets - job->n_appendix, paper);
  if (job->n_appendix > 0)
    {
      g_autofree char *with
          = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s and %u of full quotes",
                                          "%s and %u of full quotes", job->n_appendix),
                             sheets, job->n_appendix);
      g_free (sheets);
      sheets = g_steal_pointer (&with);
    }
  if (job->tile_rows > 0)
    {
      g_autofree char *tiled
          = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, printed on %u page",
                                          "%s, printed on %u pages", job->n_pages),
                             sheets, job->n_pages);
      g_free (sheets);
      sheets = g_steal_pointer (&tiled);
    }
  /* Translators: "3 sheets of A1 landscape · card text 14 pt or larger, quotes 13 pt" */
  text = g_strdup_printf (_ ("%s · card text %.0f pt or larger, quotes %.0f pt"), sheets,
                          floor (job->body_pt), floor (job->quote_pt));
  g_free (self->summary);
  self->summary = g_steal_pointer (&text);
  gtk_label_set_text (GTK_LABEL (self->summary_label), self->summary);

  sheet_text = g_strdup_printf (_ ("Sheet %u of %u"), self->sheet + 1, self->n_sheets);
  gtk_label_set_text (GTK_LABEL (self->sheet_label), sheet_text);
  gtk_widget_set_sensitive (self->previous_button, self->sheet > 0);
  gtk_widget_set_sensitive (self->next_button, self->sheet + 1 < self->n_sheets);

  set_busy_changed (self, was_busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREVIEW]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
}

static gboolean
preview_cb (gpointer data)
{
  KtsPosterDialog *self = data;
  PreviewJob      *job = g_new0 (PreviewJob, 1);
  g_autoptr (GTask) task = NULL;
  gboolean was_busy = kts_poster_dialog_get_busy (self);

  self->preview_source = 0;
  kts_poster_dialog_get_options (self, &job->options, NULL);
  job->episode = g_object_ref (self->episode);
  job->date = g_strdup (job->options.date);
  job->version = g_strdup (job->options.codebook_version);
  job->sheet = self->sheet;
  job->generation = ++self->generation;

  task = g_task_new (self, NULL, preview_done_cb, NULL);
  g_task_set_task_data (task, job, preview_job_free);
  self->running++;
  set_busy_changed (self, was_busy);
  g_task_run_in_thread (task, preview_thread);
  return G_SOURCE_REMOVE;
}

static void
schedule_preview (KtsPosterDialog *self)
{
  gboolean was_busy = kts_poster_dialog_get_busy (self);

  g_clear_handle_id (&self->preview_source, g_source_remove);
  self->preview_source = g_timeout_add (PREVIEW_DELAY_MS, preview_cb, self);
  /* A preview is due: the newest result is no longer current. */
  self->generation++;
  set_busy_changed (self, was_busy);
}

static void
previous_clicked_cb (KtsPosterDialog *self)
{
  if (self->sheet > 0)
    {
      self->sheet--;
      schedule_preview (self);
    }
}

static void
next_clicked_cb (KtsPosterDialog *self)
{
  if (self->sheet + 1 < self->n_sheets)
    {
      self->sheet++;
      schedule_preview (self);
    }
}

/* ---- exporting -------------------------------------------------------------------------- */

typedef struct
{
  KtsEpisode      *episode;
  KtsPosterOptions options;
  KtsPosterFormat  format;
  char            *date;
  char            *version;
  char            *path;
  GFile           *file;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_clear_object (&job->episode);
  g_clear_object (&job->file);
  g_free (job->date);
  g_free (job->version);
  g_free (job->path);
  g_free (job);
}

static void
export_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  ExportJob *job = data;
  g_autoptr (KtsPoster) poster = NULL;
  GError *error = NULL;

  job->options.date = job->date;
  job->options.codebook_version = job->version;
  poster = kts_poster_new (job->episode, &job->options);
  if (kts_poster_export (poster, job->path, job->format, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
export_done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  KtsPosterDialog *self = KTS_POSTER_DIALOG (source);
  ExportJob       *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  gboolean was_busy = kts_poster_dialog_get_busy (self);

  self->exporting = FALSE;
  if (self->disposed)
    return;
  set_busy_changed (self, was_busy);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      GtkWidget *dialog = adw_message_dialog_new (
          GTK_WINDOW (self), _ ("Could Not Export the Poster"), error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  g_signal_emit (self, signals[EXPORTED], 0, job->file);
  gtk_window_close (GTK_WINDOW (self));
}

/* The file name with the extension of @format. */
static GFile *
with_extension (GFile *file, KtsPosterFormat format)
{
  static const char *const ext[] = { ".pdf", ".svg", ".png" };
  g_autofree char         *path = g_file_get_path (file);
  KtsPosterFormat          has;

  if (path == NULL)
    return g_object_ref (file);
  if (kts_poster_format_from_path (path, &has, NULL) && has == format)
    return g_object_ref (file);
  {
    g_autofree char *fixed = g_strconcat (path, ext[format], NULL);
    return g_file_new_for_path (fixed);
  }
}

static void
write_poster (KtsPosterDialog *self, GFile *file)
{
  ExportJob *job = g_new0 (ExportJob, 1);
  g_autoptr (GTask) task = NULL;
  gboolean was_busy = kts_poster_dialog_get_busy (self);

  kts_poster_dialog_get_options (self, &job->options, &job->format);
  job->episode = g_object_ref (self->episode);
  job->date = g_strdup (job->options.date);
  job->version = g_strdup (job->options.codebook_version);
  job->file = with_extension (file, job->format);
  job->path = g_file_get_path (job->file);
  if (job->path == NULL)
    {
      export_job_free (job);
      return;
    }
  self->exporting = TRUE;
  set_busy_changed (self, was_busy);
  task = g_task_new (self, NULL, export_done_cb, NULL);
  g_task_set_task_data (task, job, export_job_free);
  g_task_run_in_thread (task, export_thread);
}

static void
identifiable_response_cb (AdwMessageDialog *dialog, const char *response, KtsPosterDialog *self)
{
  g_autoptr (GFile) file = g_steal_pointer (&self->pending_file);

  if (g_str_equal (response, "export") && file != NULL)
    write_poster (self, file);
}

void
kts_poster_dialog_export_to (KtsPosterDialog *self, GFile *file)
{
  g_autoptr (GPtrArray) identifiable = NULL;

  g_return_if_fail (KTS_IS_POSTER_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->exporting)
    return;
  identifiable = kts_poster_identifiable_documents (self->episode);
  if (identifiable->len == 0)
    {
      write_poster (self, file);
      return;
    }

  {
    g_autoptr (GString) names = g_string_new (NULL);
    g_autofree char *body = NULL;
    GtkWidget       *dialog;

    for (guint i = 0; i < identifiable->len; i++)
      {
        if (i > 0)
          g_string_append (names, i + 1 == identifiable->len ? _ (" and ") : ", ");
        g_string_append_printf (names, "“%s”",
                                kts_document_get_title (g_ptr_array_index (identifiable, i)));
      }
    body = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE,
                     "The poster quotes %s, which is not marked pseudonymised. Its quotes may "
                     "identify a person. The poster will say “not pseudonymised: do not "
                     "circulate”.",
                     "The poster quotes %s, which are not marked pseudonymised. Their quotes may "
                     "identify a person. The poster will say “not pseudonymised: do not "
                     "circulate”.",
                     identifiable->len),
        names->str);
    dialog = adw_message_dialog_new (GTK_WINDOW (self), _ ("Export Identifiable Quotes?"), body);
    adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"),
                                      "export", _ ("_Export Anyway"), NULL);
    adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "export",
                                                ADW_RESPONSE_DESTRUCTIVE);
    adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
    adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
    g_set_object (&self->pending_file, file);
    g_signal_connect_object (dialog, "response", G_CALLBACK (identifiable_response_cb), self, 0);
    gtk_window_present (GTK_WINDOW (dialog));
  }
}

static void
chooser_response_cb (GtkNativeDialog *native, int response, KtsPosterDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      if (file != NULL)
        kts_poster_dialog_export_to (self, file);
    }
  g_object_unref (native);
}

static char *
suggested_name (KtsPosterDialog *self, KtsPosterFormat format)
{
  static const char *const ext[] = { "pdf", "svg", "png" };
  g_autofree char         *base = g_strdup (kts_episode_get_name (self->episode));

  /* Characters file systems dislike become dashes. */
  g_strdelimit (base, "/\\:*?\"<>|", '-');
  return g_strdup_printf ("%s.%s", *base != '\0' ? base : _ ("poster"), ext[format]);
}

static void
export_clicked_cb (KtsPosterDialog *self)
{
  GtkFileChooserNative *native;
  KtsPosterOptions      options;
  KtsPosterFormat       format;
  g_autofree char      *name = NULL;
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  kts_poster_dialog_get_options (self, &options, &format);
  native = gtk_file_chooser_native_new (_ ("Export Poster"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Export"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  switch (format)
    {
    case KTS_POSTER_FORMAT_SVG:
      gtk_file_filter_set_name (filter, _ ("SVG Images"));
      gtk_file_filter_add_mime_type (filter, "image/svg+xml");
      break;
    case KTS_POSTER_FORMAT_PNG:
      gtk_file_filter_set_name (filter, _ ("PNG Images"));
      gtk_file_filter_add_mime_type (filter, "image/png");
      break;
    case KTS_POSTER_FORMAT_PDF:
    default:
      gtk_file_filter_set_name (filter, _ ("PDF Documents"));
      gtk_file_filter_add_mime_type (filter, "application/pdf");
      break;
    }
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  name = suggested_name (self, format);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  g_signal_connect (native, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* ---- building ------------------------------------------------------------------------- */

static GtkWidget *
combo_row (const char *title, const char *const *labels, guint n, guint selected)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr (GtkStringList) model = gtk_string_list_new (NULL);

  for (guint i = 0; i < n; i++)
    gtk_string_list_append (model, _ (labels[i]));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  return row;
}

static GtkWidget *
spin_row (const char *title, double min, double max, double step, double value, GtkWidget **spin)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  *spin = gtk_spin_button_new_with_range (min, max, step);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (*spin), value);
  gtk_widget_set_valign (*spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (*spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), *spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), *spin);
  return row;
}

static GtkWidget *
group (GtkWidget *page, const char *title)
{
  GtkWidget *g = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (g), title);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (g));
  return g;
}

static void
build (KtsPosterDialog *self, KtsMapArrangement arrangement)
{
  GtkWidget               *header = adw_header_bar_new ();
  GtkWidget               *cancel = gtk_button_new_with_mnemonic (_ ("_Cancel"));
  GtkWidget               *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget               *body = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget               *preview_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget               *overlay = gtk_overlay_new ();
  GtkWidget               *frame = gtk_frame_new (NULL);
  GtkWidget               *nav = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget               *page = adw_preferences_page_new ();
  GtkWidget               *g;
  g_autofree char         *today = NULL;
  const char              *paper_labels[G_N_ELEMENTS (papers)];
  const char              *tile_labels[G_N_ELEMENTS (tiles)];
  static const char *const orientations[] = { N_ ("Landscape"), N_ ("Portrait") };
  static const char *const layouts[] = { N_ ("Surface"), N_ ("Dyad"), N_ ("Flowchart") };
  static const char *const formats[] = { N_ ("PDF"), N_ ("SVG"), N_ ("PNG") };

  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    paper_labels[i] = papers[i].label;
  for (guint i = 0; i < G_N_ELEMENTS (tiles); i++)
    tile_labels[i] = tiles[i].label;

  gtk_window_set_title (GTK_WINDOW (self), _ ("Export Poster"));
  gtk_window_set_default_size (GTK_WINDOW (self), 1100, 720);

  /* Header: Cancel, Export. */
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_close), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->export_button = gtk_button_new_with_mnemonic (_ ("_Export…"));
  gtk_widget_add_css_class (self->export_button, "suggested-action");
  g_signal_connect_swapped (self->export_button, "clicked", G_CALLBACK (export_clicked_cb), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->export_button);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_box_append (GTK_BOX (outer), header);

  /* The preview: the sheet, the sheet switcher, the summary. */
  gtk_widget_set_hexpand (preview_box, TRUE);
  gtk_widget_set_margin_start (preview_box, 18);
  gtk_widget_set_margin_end (preview_box, 18);
  gtk_widget_set_margin_top (preview_box, 18);
  gtk_widget_set_margin_bottom (preview_box, 18);
  self->picture = gtk_picture_new ();
  gtk_picture_set_content_fit (GTK_PICTURE (self->picture), GTK_CONTENT_FIT_CONTAIN);
  gtk_picture_set_can_shrink (GTK_PICTURE (self->picture), TRUE);
  gtk_widget_set_vexpand (self->picture, TRUE);
  gtk_widget_set_hexpand (self->picture, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->picture), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Preview of the poster"), -1);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), self->picture);
  self->spinner = gtk_spinner_new ();
  gtk_widget_set_halign (self->spinner, GTK_ALIGN_END);
  gtk_widget_set_valign (self->spinner, GTK_ALIGN_START);
  gtk_widget_set_margin_top (self->spinner, 12);
  gtk_widget_set_margin_end (self->spinner, 12);
  gtk_widget_set_size_request (self->spinner, 24, 24);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), self->spinner);
  gtk_frame_set_child (GTK_FRAME (frame), overlay);
  gtk_widget_add_css_class (frame, "poster-preview");
  gtk_box_append (GTK_BOX (preview_box), frame);

  self->previous_button = gtk_button_new_from_icon_name ("go-previous-symbolic");
  self->next_button = gtk_button_new_from_icon_name ("go-next-symbolic");
  gtk_widget_set_tooltip_text (self->previous_button, _ ("Previous Sheet"));
  gtk_widget_set_tooltip_text (self->next_button, _ ("Next Sheet"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->previous_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Previous Sheet"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->next_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Next Sheet"), -1);
  gtk_widget_add_css_class (self->previous_button, "flat");
  gtk_widget_add_css_class (self->next_button, "flat");
  g_signal_connect_swapped (self->previous_button, "clicked", G_CALLBACK (previous_clicked_cb),
                            self);
  g_signal_connect_swapped (self->next_button, "clicked", G_CALLBACK (next_clicked_cb), self);
  self->sheet_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->sheet_label, "numeric");
  gtk_widget_set_halign (nav, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (nav), self->previous_button);
  gtk_box_append (GTK_BOX (nav), self->sheet_label);
  gtk_box_append (GTK_BOX (nav), self->next_button);
  gtk_box_append (GTK_BOX (preview_box), nav);
  self->summary_label = gtk_label_new (_ ("Laying out the poster…"));
  gtk_label_set_wrap (GTK_LABEL (self->summary_label), TRUE);
  gtk_label_set_justify (GTK_LABEL (self->summary_label), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (self->summary_label, "dim-label");
  gtk_box_append (GTK_BOX (preview_box), self->summary_label);
  gtk_box_append (GTK_BOX (body), preview_box);

  /* The options. */
  gtk_widget_set_size_request (page, 400, -1);
  g = group (page, _ ("Paper"));
  self->paper_row = combo_row (_ ("Size"), paper_labels, G_N_ELEMENTS (papers), PAPER_A1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), self->paper_row);
  self->custom_width_row = spin_row (_ ("Width (mm)"), 100, 5000, 1, 841, &self->custom_width);
  self->custom_height_row = spin_row (_ ("Height (mm)"), 100, 5000, 1, 594, &self->custom_height);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), self->custom_width_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), self->custom_height_row);
  self->orientation_row = combo_row (_ ("Orientation"), orientations, 2, 0);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), self->orientation_row);

  g = group (page, _ ("Map"));
  self->layout_row = combo_row (_ ("Layout"), layouts, G_N_ELEMENTS (layouts), (guint)arrangement);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), self->layout_row);

  g = group (page, _ ("File"));
  self->format_row = combo_row (_ ("Format"), formats, 3, 0);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), self->format_row);
  self->dpi_row = spin_row (_ ("Resolution (dots per inch)"), 72, 1200, 1, 300, &self->dpi);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), self->dpi_row);
  self->tile_row = combo_row (_ ("Tile over pages of"), tile_labels, G_N_ELEMENTS (tiles), 0);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), self->tile_row);
  self->overlap_row = spin_row (_ ("Overlap (mm)"), 0, 50, 1, 10, &self->overlap);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), self->overlap_row);

  g = group (page, _ ("Footer"));
  self->date_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->date_row),
                                 _ ("Date printed (YYYY-MM-DD)"));
  {
    g_autoptr (GDateTime) now = g_date_time_new_now_local ();
    today = g_date_time_format (now, "%Y-%m-%d");
  }
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), today);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (g), self->date_row);

  gtk_box_append (GTK_BOX (body), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  gtk_box_append (GTK_BOX (body), page);
  gtk_widget_set_vexpand (body, TRUE);
  gtk_box_append (GTK_BOX (outer), body);
  adw_window_set_content (ADW_WINDOW (self), outer);

  for (GtkWidget **row = (GtkWidget *[]){ self->paper_row, self->orientation_row, self->layout_row,
                                          self->format_row, self->tile_row, NULL };
       *row != NULL; row++)
    g_signal_connect_swapped (*row, "notify::selected", G_CALLBACK (option_changed_cb), self);
  for (GtkWidget **spin
       = (GtkWidget *[]){ self->custom_width, self->custom_height, self->dpi, self->overlap, NULL };
       *spin != NULL; spin++)
    g_signal_connect_swapped (*spin, "value-changed", G_CALLBACK (option_changed_cb), self);
  g_signal_connect_swapped (self->date_row, "changed", G_CALLBACK (option_changed_cb), self);
  update_form (self);
}

/* ---- GObject ------------------------------------------------------------------------ */

static void
kts_poster_dialog_dispose (GObject *object)
{
  KtsPosterDialog *self = KTS_POSTER_DIALOG (object);

  self->disposed = TRUE;
  g_clear_handle_id (&self->preview_source, g_source_remove);
  g_clear_object (&self->pending_file);
  G_OBJECT_CLASS (kts_poster_dialog_parent_class)->dispose (object);
}

static void
kts_poster_dialog_finalize (GObject *object)
{
  KtsPosterDialog *self = KTS_POSTER_DIALOG (object);

  g_clear_object (&self->episode);
  g_clear_object (&self->preview);
  g_free (self->codebook_version);
  g_free (self->date);
  g_free (self->summary);
  G_OBJECT_CLASS (kts_poster_dialog_parent_class)->finalize (object);
}

static void
kts_poster_dialog_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KtsPosterDialog *self = KTS_POSTER_DIALOG (object);

  switch (prop_id)
    {
    case PROP_PREVIEW:
      g_value_set_object (value, self->preview);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, kts_poster_dialog_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kts_poster_dialog_class_init (KtsPosterDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kts_poster_dialog_dispose;
  object_class->finalize = kts_poster_dialog_finalize;
  object_class->get_property = kts_poster_dialog_get_property;

  properties[PROP_PREVIEW] = g_param_spec_object ("preview", NULL, NULL, GDK_TYPE_TEXTURE,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY]
      = g_param_spec_boolean ("busy", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[EXPORTED] = g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kts_poster_dialog_init (KtsPosterDialog *self)
{
}

GtkWidget *
kts_poster_dialog_new (GtkWindow        *parent,
                       KtsEpisode       *episode,
                       KtsMapArrangement arrangement,
                       const char       *codebook_version)
{
  KtsPosterDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (KTS_IS_EPISODE (episode), NULL);

  self = g_object_new (KTS_TYPE_POSTER_DIALOG, "transient-for", parent, "modal", TRUE, NULL);
  self->episode = g_object_ref (episode);
  self->codebook_version = g_strdup (codebook_version);
  build (self, arrangement);
  schedule_preview (self);
  return GTK_WIDGET (self);
}

GdkTexture *
kts_poster_dialog_get_preview (KtsPosterDialog *self)
{
  g_return_val_if_fail (KTS_IS_POSTER_DIALOG (self), NULL);
  return self->preview;
}

const char *
kts_poster_dialog_get_summary (KtsPosterDialog *self)
{
  g_return_val_if_fail (KTS_IS_POSTER_DIALOG (self), NULL);
  return self->summary;
}

void
kts_poster_dialog_set_flowchart_only (KtsPosterDialog *self, gboolean flowchart_only)
{
  g_return_if_fail (KTS_IS_POSTER_DIALOG (self));

  if (flowchart_only)
    adw_combo_row_set_selected (ADW_COMBO_ROW (self->layout_row), KTS_MAP_ARRANGEMENT_FLOWCHART);
  gtk_widget_set_sensitive (self->layout_row, !flowchart_only);
  update_form (self);
}

gboolean
kts_poster_dialog_get_busy (KtsPosterDialog *self)
{
  g_return_val_if_fail (KTS_IS_POSTER_DIALOG (self), FALSE);
  return self->running > 0 || self->preview_source != 0 || self->exporting;
}

void
kts_poster_dialog_set_paper (KtsPosterDialog *self, const char *paper, gboolean landscape)
{
  g_return_if_fail (KTS_IS_POSTER_DIALOG (self));
  g_return_if_fail (paper != NULL);

  for (guint i = 0; i < PAPER_CUSTOM; i++)
    if (g_ascii_strcasecmp (papers[i].name, paper) == 0)
      {
        adw_combo_row_set_selected (ADW_COMBO_ROW (self->paper_row), i);
        adw_combo_row_set_selected (ADW_COMBO_ROW (self->orientation_row), landscape ? 0 : 1);
        return;
      }
  {
    double w, h;

    if (kts_poster_parse_paper (paper, &w, &h, NULL))
      {
        adw_combo_row_set_selected (ADW_COMBO_ROW (self->paper_row), PAPER_CUSTOM);
        gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->custom_width), w);
        gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->custom_height), h);
      }
  }
}

void
kts_poster_dialog_set_format (KtsPosterDialog *self, KtsPosterFormat format)
{
  g_return_if_fail (KTS_IS_POSTER_DIALOG (self));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->format_row), format);
}

void
kts_poster_dialog_set_tiling (KtsPosterDialog *self, const char *tile_paper)
{
  g_return_if_fail (KTS_IS_POSTER_DIALOG (self));

  for (guint i = 0; i < G_N_ELEMENTS (tiles); i++)
    if (g_strcmp0 (tiles[i].name, tile_paper) == 0)
      adw_combo_row_set_selected (ADW_COMBO_ROW (self->tile_row), i);
}

void
kts_poster_dialog_set_date (KtsPosterDialog *self, const char *date)
{
  g_return_if_fail (KTS_IS_POSTER_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), date != NULL ? date : "");
}

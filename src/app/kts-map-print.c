/* kts-map-print.c: printing a process map through GtkPrintOperation with the poster code.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-map-print"

#include "config.h"

#include <glib/gi18n.h>

#include "kts-map-painter.h"
#include "kts-map-print.h"
#include "kts-poster.h"

#define ONE_PAGE_MARGIN 28.0 /* points around the shrunk figure */

static const struct
{
  const char *name;
  const char *label;
} poster_papers[] = {
  { "a0", N_ ("A0") },
  { "a1", N_ ("A1") },
  { "a2", N_ ("A2") },
  { "a3", N_ ("A3") },
};

struct _KtsMapPrint
{
  GtkPrintOperation parent_instance;

  KtsEpisode       *episode;
  KtsMapArrangement arrangement;
  char             *codebook_version;
  KtsMapPrintMode   mode;
  char             *poster_paper;

  KtsPoster     *poster;  /* while printing: fit and tile */
  KtsMapPainter *painter; /* while printing: one page */

  /* the custom tab */
  GtkWidget *fit_check;
  GtkWidget *one_check;
  GtkWidget *tile_check;
  GtkWidget *paper_dropdown;
};

G_DEFINE_FINAL_TYPE (KtsMapPrint, kts_map_print, GTK_TYPE_PRINT_OPERATION)

/* The paper of @setup in millimetres, as it lies (orientation applied). */
static void
page_paper_mm (GtkPageSetup *setup, double *width, double *height)
{
  *width = gtk_page_setup_get_paper_width (setup, GTK_UNIT_MM);
  *height = gtk_page_setup_get_paper_height (setup, GTK_UNIT_MM);
}

static void
kts_map_print_begin_print (GtkPrintOperation *operation, GtkPrintContext *context)
{
  KtsMapPrint     *self = KTS_MAP_PRINT (operation);
  GtkPageSetup    *setup = gtk_print_context_get_page_setup (context);
  KtsPosterOptions options;
  double           w, h;

  g_clear_pointer (&self->poster, kts_poster_free);
  g_clear_pointer (&self->painter, kts_map_painter_free);
  page_paper_mm (setup, &w, &h);

  kts_poster_options_init (&options);
  options.arrangement = self->arrangement;
  options.codebook_version = self->codebook_version;

  switch (self->mode)
    {
    case KTS_MAP_PRINT_ONE_PAGE:
      {
        KtsMapStyle style;

        kts_map_style_init (&style);
        style.arrangement = self->arrangement;
        self->painter = kts_map_painter_new (self->episode, &style);
        gtk_print_operation_set_n_pages (operation, 1);
      }
      return;

    case KTS_MAP_PRINT_TILE:
      {
        double pw = 841, ph = 594;

        kts_poster_parse_paper (self->poster_paper, &pw, &ph, NULL);
        options.paper_width = MAX (pw, ph);
        options.paper_height = MIN (pw, ph);
        /* The poster turns the tiles whichever way needs fewer pages. */
        options.tile_width = MIN (w, h);
        options.tile_height = MAX (w, h);
      }
      break;

    case KTS_MAP_PRINT_FIT_PAPER:
    default:
      options.paper_width = w;
      options.paper_height = h;
      break;
    }

  self->poster = kts_poster_new (self->episode, &options);
  gtk_print_operation_set_n_pages (operation, (int)kts_poster_get_n_pages (self->poster));
}

static void
kts_map_print_request_page_setup (GtkPrintOperation *operation,
                                  GtkPrintContext   *context,
                                  int                page,
                                  GtkPageSetup      *setup)
{
  KtsMapPrint *self = KTS_MAP_PRINT (operation);
  double       w, h;

  /* Tiles (and the appendix) come portrait or landscape, as planned. */
  if (self->poster == NULL || self->mode != KTS_MAP_PRINT_TILE || page < 0
      || (guint)page >= kts_poster_get_n_pages (self->poster))
    return;
  kts_poster_get_page_size (self->poster, (guint)page, &w, &h);
  gtk_page_setup_set_orientation (setup, w > h ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                               : GTK_PAGE_ORIENTATION_PORTRAIT);
}

static void
kts_map_print_draw_page (GtkPrintOperation *operation, GtkPrintContext *context, int page)
{
  KtsMapPrint *self = KTS_MAP_PRINT (operation);
  cairo_t     *cr = gtk_print_context_get_cairo_context (context);
  double       pw = gtk_print_context_get_width (context);
  double       ph = gtk_print_context_get_height (context);

  if (self->painter != NULL)
    {
      KtsMapLayout *layout = kts_map_painter_get_layout (self->painter);
      double        fw = layout->width;
      double        fh = kts_map_painter_draw_figure (self->painter, NULL);
      double        scale = MIN ((pw - 2 * ONE_PAGE_MARGIN) / fw, (ph - 2 * ONE_PAGE_MARGIN) / fh);

      cairo_save (cr);
      cairo_translate (cr, (pw - fw * scale) / 2, (ph - fh * scale) / 2);
      cairo_scale (cr, scale, scale);
      kts_map_painter_draw_figure (self->painter, cr);
      cairo_restore (cr);
      return;
    }
  if (self->poster == NULL || page < 0 || (guint)page >= kts_poster_get_n_pages (self->poster))
    return;

  {
    double w, h;

    /* The poster's page in points, fitted to the context (they agree
     * unless the printer reports a slightly different paper). */
    kts_poster_get_page_size (self->poster, (guint)page, &w, &h);
    cairo_save (cr);
    cairo_scale (cr, MIN (pw / w, ph / h), MIN (pw / w, ph / h));
    kts_poster_draw_page (self->poster, cr, (guint)page);
    cairo_restore (cr);
  }
}

static void
kts_map_print_end_print (GtkPrintOperation *operation, GtkPrintContext *context)
{
  KtsMapPrint *self = KTS_MAP_PRINT (operation);

  g_clear_pointer (&self->poster, kts_poster_free);
  g_clear_pointer (&self->painter, kts_map_painter_free);
}

/* ---- the "Process Map" tab of the print dialog ------------------------------------------------
 */

static void
tile_toggled_cb (GtkCheckButton *check, KtsMapPrint *self)
{
  gtk_widget_set_sensitive (self->paper_dropdown, gtk_check_button_get_active (check));
}

static GtkWidget *
option (const char *title, const char *explanation, GtkWidget **check, GtkWidget *group)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label = gtk_label_new (explanation);

  *check = gtk_check_button_new_with_mnemonic (title);
  if (group != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (*check), GTK_CHECK_BUTTON (group));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
  gtk_widget_set_margin_start (label, 28);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), *check);
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

static GtkWidget *
kts_map_print_create_custom_widget (GtkPrintOperation *operation)
{
  KtsMapPrint *self = KTS_MAP_PRINT (operation);
  GtkWidget   *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget   *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autoptr (GtkStringList) papers = gtk_string_list_new (NULL);
  guint selected = 1;

  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);

  gtk_box_append (GTK_BOX (box),
                  option (_ ("_Lay out the map for this paper"),
                          _ ("The rows of the map on as many pages as they need, with the "
                             "title, legend and analyst reading; text stays legible."),
                          &self->fit_check, NULL));
  gtk_box_append (GTK_BOX (box), option (_ ("_Shrink the whole map onto one page"),
                                         _ ("An overview; the text may be small."),
                                         &self->one_check, self->fit_check));
  gtk_box_append (GTK_BOX (box),
                  option (_ ("_Print a poster in pieces on this paper"),
                          _ ("Each page is one piece of the poster, with crop marks, a 10 mm "
                             "overlap and a label saying where it goes."),
                          &self->tile_check, self->fit_check));

  for (guint i = 0; i < G_N_ELEMENTS (poster_papers); i++)
    {
      gtk_string_list_append (papers, _ (poster_papers[i].label));
      if (g_ascii_strcasecmp (poster_papers[i].name, self->poster_paper) == 0)
        selected = i;
    }
  self->paper_dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&papers)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->paper_dropdown), selected);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->paper_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Poster size"), -1);
  gtk_widget_set_margin_start (row, 28);
  gtk_box_append (GTK_BOX (row), gtk_label_new (_ ("Poster size")));
  gtk_box_append (GTK_BOX (row), self->paper_dropdown);
  gtk_box_append (GTK_BOX (box), row);

  switch (self->mode)
    {
    case KTS_MAP_PRINT_ONE_PAGE:
      gtk_check_button_set_active (GTK_CHECK_BUTTON (self->one_check), TRUE);
      break;
    case KTS_MAP_PRINT_TILE:
      gtk_check_button_set_active (GTK_CHECK_BUTTON (self->tile_check), TRUE);
      break;
    case KTS_MAP_PRINT_FIT_PAPER:
    default:
      gtk_check_button_set_active (GTK_CHECK_BUTTON (self->fit_check), TRUE);
      break;
    }
  g_signal_connect (self->tile_check, "toggled", G_CALLBACK (tile_toggled_cb), self);
  tile_toggled_cb (GTK_CHECK_BUTTON (self->tile_check), self);
  return box;
}

static void
kts_map_print_custom_widget_apply (GtkPrintOperation *operation, GtkWidget *widget)
{
  KtsMapPrint *self = KTS_MAP_PRINT (operation);
  guint        paper = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->paper_dropdown));

  if (gtk_check_button_get_active (GTK_CHECK_BUTTON (self->one_check)))
    self->mode = KTS_MAP_PRINT_ONE_PAGE;
  else if (gtk_check_button_get_active (GTK_CHECK_BUTTON (self->tile_check)))
    self->mode = KTS_MAP_PRINT_TILE;
  else
    self->mode = KTS_MAP_PRINT_FIT_PAPER;
  if (paper < G_N_ELEMENTS (poster_papers))
    kts_map_print_set_poster_paper (self, poster_papers[paper].name);
}

/* ---- GObject ------------------------------------------------------------------------------------
 */

static void
kts_map_print_finalize (GObject *object)
{
  KtsMapPrint *self = KTS_MAP_PRINT (object);

  g_clear_pointer (&self->poster, kts_poster_free);
  g_clear_pointer (&self->painter, kts_map_painter_free);
  g_clear_object (&self->episode);
  g_free (self->codebook_version);
  g_free (self->poster_paper);
  G_OBJECT_CLASS (kts_map_print_parent_class)->finalize (object);
}

static void
kts_map_print_class_init (KtsMapPrintClass *klass)
{
  GObjectClass           *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *print_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->finalize = kts_map_print_finalize;
  print_class->begin_print = kts_map_print_begin_print;
  print_class->request_page_setup = kts_map_print_request_page_setup;
  print_class->draw_page = kts_map_print_draw_page;
  print_class->end_print = kts_map_print_end_print;
  print_class->create_custom_widget = kts_map_print_create_custom_widget;
  print_class->custom_widget_apply = kts_map_print_custom_widget_apply;
}

static void
kts_map_print_init (KtsMapPrint *self)
{
  g_autoptr (GtkPageSetup) setup = gtk_page_setup_new ();

  self->mode = KTS_MAP_PRINT_FIT_PAPER;
  self->poster_paper = g_strdup ("a1");
  /* A process map is wide: landscape unless the user turns it. */
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
  gtk_print_operation_set_default_page_setup (GTK_PRINT_OPERATION (self), setup);
  gtk_print_operation_set_use_full_page (GTK_PRINT_OPERATION (self), TRUE);
  gtk_print_operation_set_unit (GTK_PRINT_OPERATION (self), GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (GTK_PRINT_OPERATION (self), TRUE);
  gtk_print_operation_set_custom_tab_label (GTK_PRINT_OPERATION (self), _ ("Process Map"));
}

KtsMapPrint *
kts_map_print_new (KtsEpisode *episode, KtsMapArrangement arrangement, const char *codebook_version)
{
  KtsMapPrint *self;

  g_return_val_if_fail (KTS_IS_EPISODE (episode), NULL);

  self = g_object_new (KTS_TYPE_MAP_PRINT, NULL);
  self->episode = g_object_ref (episode);
  self->arrangement = arrangement;
  self->codebook_version = g_strdup (codebook_version);
  gtk_print_operation_set_job_name (GTK_PRINT_OPERATION (self), kts_episode_get_name (episode));
  return self;
}

void
kts_map_print_set_mode (KtsMapPrint *self, KtsMapPrintMode mode)
{
  g_return_if_fail (KTS_IS_MAP_PRINT (self));
  self->mode = mode;
}

KtsMapPrintMode
kts_map_print_get_mode (KtsMapPrint *self)
{
  g_return_val_if_fail (KTS_IS_MAP_PRINT (self), KTS_MAP_PRINT_FIT_PAPER);
  return self->mode;
}

void
kts_map_print_set_poster_paper (KtsMapPrint *self, const char *paper)
{
  g_return_if_fail (KTS_IS_MAP_PRINT (self));
  g_return_if_fail (paper != NULL);

  g_free (self->poster_paper);
  self->poster_paper = g_strdup (paper);
}

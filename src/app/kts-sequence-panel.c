/* kts-sequence-panel.c: the sequences page of the Analysis view (docs/sequence.md).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-sequence-panel"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "kts-agreement.h"
#include "kts-analysis-view.h"
#include "kts-choice.h"
#include "kts-core.h"
#include "kts-sequence-panel.h"

struct _KtsSequencePanel
{
  GtkWidget parent_instance;

  /* template */
  GtkWidget *toolbar;
  GtkWidget *episode_button;
  GtkWidget *document_button;
  GtkWidget *episode_box;
  GtkWidget *document_box;
  GtkWidget *summary_label;
  GtkWidget *export_button;
  GtkWidget *stack;
  GtkWidget *matrix;
  GtkWidget *cell_label;
  GtkWidget *error_page;

  GtkWidget *episode_drop_down;
  GtkWidget *unit_drop_down;
  GtkWidget *document_drop_down;
  GtkWidget *layer_drop_down;
  GtkWidget *coder_drop_down;

  KtsProject *project;
  gulong      changed_id;

  gboolean stale;
  gboolean updating;
  gboolean mode_chosen; /* the user (or a caller) picked episode or transcript */
};

G_DEFINE_FINAL_TYPE (KtsSequencePanel, kts_sequence_panel, GTK_TYPE_WIDGET)

static gpointer
selected_item (GtkWidget *drop_down)
{
  KtsChoice *choice = kts_choice_drop_down_get_selected (GTK_DROP_DOWN (drop_down));

  return choice != NULL ? kts_choice_get_item (choice) : NULL;
}

static const char *
selected_value (GtkWidget *drop_down)
{
  KtsChoice *choice = kts_choice_drop_down_get_selected (GTK_DROP_DOWN (drop_down));

  return choice != NULL ? kts_choice_get_value (choice) : NULL;
}

static gboolean
episode_mode (KtsSequencePanel *self)
{
  return gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->episode_button));
}

static gboolean
project_has_codings (KtsSequencePanel *self)
{
  return self->project != NULL && kts_project_get_n_codings (self->project) > 0;
}

static void
show_status (KtsSequencePanel *self, const char *name)
{
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), name);
  gtk_widget_set_sensitive (self->export_button, g_str_equal (name, "matrix"));
  if (!g_str_equal (name, "matrix"))
    {
      kts_sequence_matrix_set_transitions (KTS_SEQUENCE_MATRIX (self->matrix), NULL);
      gtk_label_set_label (GTK_LABEL (self->summary_label), "");
    }
}

static void
show_error (KtsSequencePanel *self, const char *title, const char *description)
{
  adw_status_page_set_title (ADW_STATUS_PAGE (self->error_page), title);
  adw_status_page_set_description (ADW_STATUS_PAGE (self->error_page), description);
  show_status (self, "error");
}

/* TRUE when codings of @coder (NULL = anyone) in @document are hidden by an
 * open practice set: the sequence would show them. */
static gboolean
hides_codings (KtsSequencePanel *self, KtsDocument *document, KtsCoder *coder)
{
  GListModel *codings = kts_document_get_codings (document);

  for (guint i = 0; i < g_list_model_get_n_items (codings); i++)
    {
      g_autoptr (KtsCoding) coding = g_list_model_get_item (codings, i);

      if ((coder == NULL || kts_coding_get_coder (coding) == coder)
          && kts_project_coding_is_hidden (self->project, coding))
        return TRUE;
    }
  return FALSE;
}

static void
update_cell_label (KtsSequencePanel *self)
{
  KtsSequenceMatrix    *matrix = KTS_SEQUENCE_MATRIX (self->matrix);
  const KtsTransitions *t = kts_sequence_matrix_get_transitions (matrix);
  int                   cursor = kts_sequence_matrix_get_cursor (matrix);

  if (t == NULL || cursor < 0)
    {
      gtk_label_set_label (GTK_LABEL (self->cell_label),
                           _ ("Point at a cell, or click the table and use the arrow keys, for its "
                              "count, conditional probability, expected count, adjusted residual "
                              "and Yule’s Q."));
      return;
    }
  {
    g_autofree char *text = kts_sequence_matrix_dup_cell_description (
        matrix, (guint)cursor / t->n_states, (guint)cursor % t->n_states);
    g_strdelimit (text, "\n", ' ');
    gtk_label_set_label (GTK_LABEL (self->cell_label), text);
  }
}

static void
cursor_changed_cb (KtsSequencePanel *self)
{
  update_cell_label (self);
}

static void
recompute (KtsSequencePanel *self)
{
  g_autoptr (GError) error = NULL;
  KtsTransitions  *t = NULL;
  g_autofree char *summary = NULL;

  gtk_widget_set_visible (self->episode_box, episode_mode (self));
  gtk_widget_set_visible (self->document_box, !episode_mode (self));

  if (self->project == NULL)
    {
      show_status (self, "nothing");
      return;
    }
  if (episode_mode (self))
    {
      KtsEpisode *episode = selected_item (self->episode_drop_down);
      const char *unit = selected_value (self->unit_drop_down);

      if (episode == NULL)
        {
          show_status (self, project_has_codings (self) ? "no-episodes" : "nothing");
          return;
        }
      t = kts_transitions_for_episode (episode,
                                       g_strcmp0 (unit, "code") == 0    ? KTS_SEQUENCE_BY_CODE
                                       : g_strcmp0 (unit, "actor") == 0 ? KTS_SEQUENCE_BY_ACTOR
                                                                        : KTS_SEQUENCE_BY_LANE,
                                       &error);
    }
  else
    {
      KtsDocument *document = selected_item (self->document_drop_down);

      if (document == NULL)
        {
          show_status (self, "nothing");
          return;
        }
      if (hides_codings (self, document, selected_item (self->coder_drop_down)))
        {
          show_error (self, _ ("Reference Hidden"),
                      _ ("An open practice set on this transcript hides its reference coding "
                         "until the student submits. Choose another coder."));
          return;
        }
      t = kts_transitions_for_document (document, selected_item (self->coder_drop_down),
                                        selected_value (self->layer_drop_down), &error);
    }

  if (t == NULL)
    {
      show_error (self, _ ("Nothing to Analyse"), error->message);
      return;
    }
  if (t->total == 0)
    {
      kts_transitions_free (t);
      show_error (self, _ ("No Transitions"),
                  episode_mode (self)
                      ? _ ("The moves of this episode carry nothing to follow one another by: "
                           "try another grouping.")
                      : _ ("Fewer than two turns of this transcript are coded with the codes "
                           "chosen, so no coded turn follows another."));
      return;
    }

  summary = g_strdup_printf (_ ("%u events, %u transitions between %u states"), t->n_events,
                             t->total, t->n_states);
  kts_sequence_matrix_set_transitions (KTS_SEQUENCE_MATRIX (self->matrix), t);
  show_status (self, "matrix");
  gtk_label_set_label (GTK_LABEL (self->summary_label), summary);
  update_cell_label (self);
}

/* ---- choices -------------------------------------------------------------------- */

static void
append_choice (GListStore *store, const char *label, gpointer item, const char *value)
{
  g_autoptr (KtsChoice) choice = kts_choice_new (label, item, value);
  g_list_store_append (store, choice);
}

static void
fill_choices (KtsSequencePanel *self)
{
  g_autoptr (GListStore) episodes = g_list_store_new (KTS_TYPE_CHOICE);
  g_autoptr (GListStore) documents = g_list_store_new (KTS_TYPE_CHOICE);
  g_autoptr (GListStore) layers = g_list_store_new (KTS_TYPE_CHOICE);
  g_autoptr (GListStore) coders = g_list_store_new (KTS_TYPE_CHOICE);

  append_choice (layers, _ ("All layers"), NULL, NULL);
  append_choice (coders, _ ("All coders"), NULL, NULL);
  if (self->project != NULL)
    {
      GListModel *list = kts_project_get_episodes (self->project);
      GListModel *roots = kts_codebook_get_roots (kts_project_get_codebook (self->project));
      g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr (KtsEpisode) episode = g_list_model_get_item (list, i);
          append_choice (episodes, kts_episode_get_name (episode), episode, NULL);
        }
      list = kts_project_get_documents (self->project);
      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr (KtsDocument) document = g_list_model_get_item (list, i);
          append_choice (documents, kts_document_get_title (document), document, NULL);
        }
      list = kts_project_get_coders (self->project);
      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr (KtsCoder) coder = g_list_model_get_item (list, i);
          append_choice (coders, kts_coder_get_name (coder), coder, NULL);
        }
      for (guint i = 0; i < g_list_model_get_n_items (roots); i++)
        {
          g_autoptr (KtsCode) code = g_list_model_get_item (roots, i);
          char *layer = kts_code_dup_layer (code);

          if (layer == NULL || g_hash_table_contains (seen, layer))
            {
              g_free (layer);
              continue;
            }
          {
            g_autofree char *label
                = g_strdup_printf (_ ("%s — %s"), layer, kts_code_get_name (code));
            append_choice (layers, label, NULL, layer);
          }
          g_hash_table_add (seen, layer);
        }
    }

  self->updating = TRUE;
  kts_choice_drop_down_set_choices (GTK_DROP_DOWN (self->episode_drop_down),
                                    G_LIST_MODEL (episodes));
  kts_choice_drop_down_set_choices (GTK_DROP_DOWN (self->document_drop_down),
                                    G_LIST_MODEL (documents));
  kts_choice_drop_down_set_choices (GTK_DROP_DOWN (self->layer_drop_down), G_LIST_MODEL (layers));
  kts_choice_drop_down_set_choices (GTK_DROP_DOWN (self->coder_drop_down), G_LIST_MODEL (coders));
  gtk_widget_set_visible (self->coder_drop_down,
                          g_list_model_get_n_items (G_LIST_MODEL (coders)) > 2);
  /* Episodes when there are any, until someone chooses. */
  if (!self->mode_chosen)
    gtk_toggle_button_set_active (
        GTK_TOGGLE_BUTTON (g_list_model_get_n_items (G_LIST_MODEL (episodes)) > 0
                                   || !project_has_codings (self)
                               ? self->episode_button
                               : self->document_button),
        TRUE);
  self->updating = FALSE;
}

static void
choice_changed_cb (KtsSequencePanel *self)
{
  if (!self->updating)
    recompute (self);
}

static void
mode_toggled_cb (KtsSequencePanel *self)
{
  if (self->updating)
    return;
  self->mode_chosen = TRUE;
  recompute (self);
}

static void
use_document_cb (KtsSequencePanel *self)
{
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->document_button), TRUE);
}

void
kts_sequence_panel_refresh (KtsSequencePanel *self)
{
  g_return_if_fail (KTS_IS_SEQUENCE_PANEL (self));

  if (!self->stale)
    return;
  self->stale = FALSE;
  fill_choices (self);
  recompute (self);
}

static void
project_changed_cb (KtsSequencePanel *self)
{
  self->stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    kts_sequence_panel_refresh (self);
}

/* ---- export ---------------------------------------------------------------------- */

static void
export_clicked_cb (KtsSequencePanel *self)
{
  const KtsTransitions *t
      = kts_sequence_matrix_get_transitions (KTS_SEQUENCE_MATRIX (self->matrix));
  g_autoptr (GString) csv = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *name = NULL;
  g_autofree char *done = NULL;
  KtsChoice       *choice;

  if (t == NULL)
    return;
  csv = kts_transitions_to_csv ((KtsTransitions *)t);
  bytes = g_bytes_new (csv->str, csv->len);
  choice = kts_choice_drop_down_get_selected (
      GTK_DROP_DOWN (episode_mode (self) ? self->episode_drop_down : self->document_drop_down));
  name = g_strdup_printf ("%s-%s.csv", _ ("transitions"),
                          choice != NULL ? kts_choice_get_label (choice) : "");
  g_strdelimit (name, "/\\:*?\"<>|", '_');
  done = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "Exported %u transition", "Exported %u transitions", t->total),
      t->total);
  kts_analysis_save_bytes (GTK_WIDGET (self), _ ("Export Transitions"), name, bytes, done);
}

/* ---- GObject -------------------------------------------------------------------- */

static void
kts_sequence_panel_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (kts_sequence_panel_parent_class)->map (widget);
  kts_sequence_panel_refresh (KTS_SEQUENCE_PANEL (widget));
}

static void
kts_sequence_panel_dispose (GObject *object)
{
  KtsSequencePanel *self = KTS_SEQUENCE_PANEL (object);

  if (self->project != NULL)
    g_clear_signal_handler (&self->changed_id, self->project);
  g_clear_object (&self->project);
  gtk_widget_dispose_template (GTK_WIDGET (self), KTS_TYPE_SEQUENCE_PANEL);
  /* The template's root box has no id, so the template does not unparent it. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (kts_sequence_panel_parent_class)->dispose (object);
}

static void
kts_sequence_panel_class_init (KtsSequencePanelClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kts_sequence_panel_dispose;
  widget_class->map = kts_sequence_panel_map;

  g_type_ensure (KTS_TYPE_SEQUENCE_MATRIX);
  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/kintsugi_qda/Kintsugi/kts-sequence-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, KtsSequencePanel, toolbar);
  gtk_widget_class_bind_template_child (widget_class, KtsSequencePanel, episode_button);
  gtk_widget_class_bind_template_child (widget_class, KtsSequencePanel, document_button);
  gtk_widget_class_bind_template_child (widget_class, KtsSequencePanel, episode_box);
  gtk_widget_class_bind_template_child (widget_class, KtsSequencePanel, document_box);
  gtk_widget_class_bind_template_child (widget_class, KtsSequencePanel, summary_label);
  gtk_widget_class_bind_template_child (widget_class, KtsSequencePanel, export_button);
  gtk_widget_class_bind_template_child (widget_class, KtsSequencePanel, stack);
  gtk_widget_class_bind_template_child (widget_class, KtsSequencePanel, matrix);
  gtk_widget_class_bind_template_child (widget_class, KtsSequencePanel, cell_label);
  gtk_widget_class_bind_template_child (widget_class, KtsSequencePanel, error_page);
  gtk_widget_class_bind_template_callback (widget_class, mode_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, use_document_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cursor_changed_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sequencepanel");
}

static GtkWidget *
add_drop_down (KtsSequencePanel *self, GtkWidget *box, const char *label, gboolean search)
{
  GtkWidget *drop_down = kts_choice_drop_down_new (label, search);

  gtk_box_append (GTK_BOX (box), drop_down);
  g_signal_connect_swapped (drop_down, "notify::selected", G_CALLBACK (choice_changed_cb), self);
  return drop_down;
}

static void
kts_sequence_panel_init (KtsSequencePanel *self)
{
  g_autoptr (GListStore) units = g_list_store_new (KTS_TYPE_CHOICE);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->stale = TRUE;

  self->episode_drop_down = add_drop_down (self, self->episode_box, _ ("Episode"), TRUE);
  self->unit_drop_down = add_drop_down (self, self->episode_box, _ ("States"), FALSE);
  append_choice (units, _ ("Lanes"), NULL, "lane");
  append_choice (units, _ ("Codes"), NULL, "code");
  append_choice (units, _ ("Actors"), NULL, "actor");
  gtk_widget_set_tooltip_text (
      self->unit_drop_down, _ ("What a move counts as: its lane (actor and dimension), the codes "
                               "of its anchors, or its actor"));
  self->updating = TRUE;
  kts_choice_drop_down_set_choices (GTK_DROP_DOWN (self->unit_drop_down), G_LIST_MODEL (units));
  self->updating = FALSE;
  self->document_drop_down = add_drop_down (self, self->document_box, _ ("Transcript"), TRUE);
  self->layer_drop_down = add_drop_down (self, self->document_box, _ ("Layer"), FALSE);
  self->coder_drop_down = add_drop_down (self, self->document_box, _ ("Coder"), FALSE);

  fill_choices (self);
  recompute (self);
}

GtkWidget *
kts_sequence_panel_new (void)
{
  return g_object_new (KTS_TYPE_SEQUENCE_PANEL, NULL);
}

void
kts_sequence_panel_set_project (KtsSequencePanel *self, KtsProject *project)
{
  g_return_if_fail (KTS_IS_SEQUENCE_PANEL (self));
  g_return_if_fail (project == NULL || KTS_IS_PROJECT (project));

  if (self->project == project)
    return;
  if (self->project != NULL)
    g_clear_signal_handler (&self->changed_id, self->project);
  g_set_object (&self->project, project);
  if (project != NULL)
    self->changed_id
        = g_signal_connect_swapped (project, "changed", G_CALLBACK (project_changed_cb), self);
  self->mode_chosen = FALSE;
  self->stale = TRUE;
  self->updating = TRUE;
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->episode_drop_down), NULL);
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->document_drop_down), NULL);
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->coder_drop_down), NULL);
  self->updating = FALSE;
  kts_sequence_matrix_set_transitions (KTS_SEQUENCE_MATRIX (self->matrix), NULL);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    kts_sequence_panel_refresh (self);
}

void
kts_sequence_panel_show_episode (KtsSequencePanel *self, KtsEpisode *episode, KtsSequenceUnit unit)
{
  static const char *units[] = { "lane", "code", "actor" };

  g_return_if_fail (KTS_IS_SEQUENCE_PANEL (self));
  g_return_if_fail (KTS_IS_EPISODE (episode));

  kts_sequence_panel_refresh (self);
  self->updating = TRUE;
  self->mode_chosen = TRUE;
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->episode_button), TRUE);
  kts_choice_drop_down_select (GTK_DROP_DOWN (self->episode_drop_down), episode, NULL);
  if ((guint)unit < G_N_ELEMENTS (units))
    kts_choice_drop_down_select (GTK_DROP_DOWN (self->unit_drop_down), NULL, units[unit]);
  self->updating = FALSE;
  recompute (self);
}

void
kts_sequence_panel_show_document (KtsSequencePanel *self,
                                  KtsDocument      *document,
                                  KtsCoder         *coder,
                                  const char       *layer)
{
  g_return_if_fail (KTS_IS_SEQUENCE_PANEL (self));
  g_return_if_fail (KTS_IS_DOCUMENT (document));

  kts_sequence_panel_refresh (self);
  self->updating = TRUE;
  self->mode_chosen = TRUE;
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->document_button), TRUE);
  kts_choice_drop_down_select (GTK_DROP_DOWN (self->document_drop_down), document, NULL);
  kts_choice_drop_down_select (GTK_DROP_DOWN (self->coder_drop_down), coder, NULL);
  kts_choice_drop_down_select (GTK_DROP_DOWN (self->layer_drop_down), NULL, layer);
  self->updating = FALSE;
  recompute (self);
}

KtsSequenceMatrix *
kts_sequence_panel_get_matrix (KtsSequencePanel *self)
{
  g_return_val_if_fail (KTS_IS_SEQUENCE_PANEL (self), NULL);
  return KTS_SEQUENCE_MATRIX (self->matrix);
}

const char *
kts_sequence_panel_get_state (KtsSequencePanel *self)
{
  g_return_val_if_fail (KTS_IS_SEQUENCE_PANEL (self), NULL);

  kts_sequence_panel_refresh (self);
  return gtk_stack_get_visible_child_name (GTK_STACK (self->stack));
}

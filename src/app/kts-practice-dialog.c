/* kts-practice-dialog.c: New Practice Set: a coded transcript, its reference coder, the layers and
 * the student. SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-practice-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "kts-agreement.h"
#include "kts-practice-dialog.h"

struct _KtsPracticeDialog
{
  AdwMessageDialog parent_instance;

  GtkWidget *document_dropdown;
  GtkWidget *coder_dropdown;
  GtkWidget *layers_box;
  GtkWidget *title_entry;
  GtkWidget *student_entry;
  GtkWidget *pass_check;
  GtkWidget *pass_spin;
  GtkWidget *message;

  KtsProject     *project;
  GListStore     *documents; /* the coded ones */
  GPtrArray      *coders;    /* KtsCoder*, parallel to the coder drop-down */
  GPtrArray      *layer_checks;
  char           *suggested_title;
  gboolean        filling;
  KtsPracticeSet *set; /* weak: the one made */
};

G_DEFINE_FINAL_TYPE (KtsPracticeDialog, kts_practice_dialog, ADW_TYPE_MESSAGE_DIALOG)

static KtsDocument *
selected_document (KtsPracticeDialog *self)
{
  return gtk_drop_down_get_selected_item (GTK_DROP_DOWN (self->document_dropdown));
}

static KtsCoder *
selected_coder (KtsPracticeDialog *self)
{
  guint pos = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->coder_dropdown));

  return self->coders != NULL && pos < self->coders->len ? g_ptr_array_index (self->coders, pos)
                                                         : NULL;
}

static char *
entry_text (GtkWidget *entry)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
}

static GStrv
chosen_layers (KtsPracticeDialog *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < self->layer_checks->len; i++)
    {
      GtkWidget *check = g_ptr_array_index (self->layer_checks, i);

      if (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
        g_strv_builder_add (builder, g_object_get_data (G_OBJECT (check), "kts-layer"));
    }
  return g_strv_builder_end (builder);
}

static void
validate (KtsPracticeDialog *self)
{
  g_autofree char *student = entry_text (self->student_entry);
  g_autofree char *title = entry_text (self->title_entry);
  g_auto (GStrv) layers = chosen_layers (self);
  KtsCoder   *reference = selected_coder (self);
  const char *problem = NULL;

  if (selected_document (self) == NULL)
    problem = _ ("No transcript has codings yet: code one, or import a practice set.");
  else if (reference == NULL)
    problem = _ ("Choose the coder whose coding is the reference.");
  else if (layers[0] == NULL)
    problem = _ ("Choose at least one layer to practise.");
  else if (*title == '\0')
    problem = _ ("The practice set needs a title.");
  else if (*student == '\0')
    problem = _ ("Enter the student’s name.");
  else if (g_strcmp0 (student, kts_coder_get_name (reference)) == 0)
    problem = _ ("The student cannot be the reference coder.");

  gtk_label_set_text (GTK_LABEL (self->message), problem != NULL ? problem : "");
  gtk_widget_set_visible (self->message, problem != NULL);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "create", problem == NULL);
}

/* Layers of @coder's codings in @document. */
static GPtrArray *
coded_layers (KtsDocument *document, KtsCoder *coder)
{
  GPtrArray  *layers = g_ptr_array_new_with_free_func (g_free);
  GListModel *codings = kts_document_get_codings (document);

  for (guint i = 0; i < g_list_model_get_n_items (codings); i++)
    {
      g_autoptr (KtsCoding) coding = g_list_model_get_item (codings, i);
      g_autofree char *layer = NULL;

      if (kts_coding_get_coder (coding) != coder)
        continue;
      layer = kts_code_dup_layer (kts_coding_get_code (coding));
      if (layer != NULL && !g_ptr_array_find_with_equal_func (layers, layer, g_str_equal, NULL))
        g_ptr_array_add (layers, g_steal_pointer (&layer));
    }
  return layers;
}

static int
compare_layer_names (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *)a, *(const char *const *)b);
}

static void
coder_changed_cb (KtsPracticeDialog *self)
{
  KtsDocument *document = selected_document (self);
  KtsCoder    *coder = selected_coder (self);
  g_autoptr (GPtrArray) layers = NULL;
  GtkWidget *child;

  if (self->filling)
    return;
  while ((child = gtk_widget_get_first_child (self->layers_box)) != NULL)
    gtk_flow_box_remove (GTK_FLOW_BOX (self->layers_box), child);
  g_ptr_array_set_size (self->layer_checks, 0);
  if (document != NULL && coder != NULL)
    {
      layers = coded_layers (document, coder);
      /* SD and REL come together: telling them apart is the exercise, even
       * where the reference used only one of them. */
      for (guint i = 0; i < 2; i++)
        {
          const char *have = i == 0 ? "SD" : "REL";
          const char *other = i == 0 ? "REL" : "SD";

          if (g_ptr_array_find_with_equal_func (layers, have, g_str_equal, NULL)
              && !g_ptr_array_find_with_equal_func (layers, other, g_str_equal, NULL))
            g_ptr_array_add (layers, g_strdup (other));
        }
      g_ptr_array_sort (layers, compare_layer_names);
      for (guint i = 0; i < layers->len; i++)
        {
          const char *layer = g_ptr_array_index (layers, i);
          GtkWidget  *check = gtk_check_button_new_with_label (layer);

          g_object_set_data_full (G_OBJECT (check), "kts-layer", g_strdup (layer), g_free);
          gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
          g_signal_connect_swapped (check, "toggled", G_CALLBACK (validate), self);
          gtk_flow_box_append (GTK_FLOW_BOX (self->layers_box), check);
          g_ptr_array_add (self->layer_checks, check);
        }
    }
  validate (self);
}

static void
document_changed_cb (KtsPracticeDialog *self)
{
  KtsDocument *document = selected_document (self);
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr (GHashTable) counts = g_hash_table_new (NULL, NULL);
  GListModel      *coders = kts_project_get_coders (self->project);
  g_autofree char *title = NULL;
  g_autofree char *current = entry_text (self->title_entry);
  guint            best = 0, best_pos = 0;

  g_ptr_array_set_size (self->coders, 0);
  if (document != NULL)
    {
      GListModel *codings = kts_document_get_codings (document);

      for (guint i = 0; i < g_list_model_get_n_items (codings); i++)
        {
          g_autoptr (KtsCoding) coding = g_list_model_get_item (codings, i);
          KtsCoder *coder = kts_coding_get_coder (coding);

          if (coder != NULL)
            g_hash_table_insert (
                counts, coder,
                GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, coder)) + 1));
        }
    }
  /* In the project's order; the coder with most codings first chosen. */
  for (guint i = 0; i < g_list_model_get_n_items (coders); i++)
    {
      g_autoptr (KtsCoder) coder = g_list_model_get_item (coders, i);
      guint            n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, coder));
      g_autofree char *label = NULL;

      if (n == 0)
        continue;
      /* Translators: a reference coder to choose: "Reference (12 codings)" */
      label
          = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%u coding)", "%s (%u codings)", n),
                             kts_coder_get_name (coder), n);
      if (n > best)
        {
          best = n;
          best_pos = self->coders->len;
        }
      gtk_string_list_append (labels, label);
      g_ptr_array_add (self->coders, coder);
    }
  self->filling = TRUE;
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->coder_dropdown), G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->coder_dropdown), best_pos);
  self->filling = FALSE;

  /* The title follows the transcript until the user writes their own. */
  if (document != NULL)
    title = g_strdup_printf (_ ("Practice: %s"), kts_document_get_title (document));
  if (*current == '\0' || g_strcmp0 (current, self->suggested_title) == 0)
    gtk_editable_set_text (GTK_EDITABLE (self->title_entry), title != NULL ? title : "");
  g_free (self->suggested_title);
  self->suggested_title = g_steal_pointer (&title);
  coder_changed_cb (self);
}

static gboolean
create (KtsPracticeDialog *self, GError **error)
{
  g_autofree char *student = entry_text (self->student_entry);
  g_autofree char *title = entry_text (self->title_entry);
  g_auto (GStrv) layers = chosen_layers (self);
  KtsPracticeSet *set;

  gboolean pass = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->pass_check));

  /* With a pass threshold, making the set and setting it are one undo step. */
  if (pass)
    kts_project_begin_group (self->project, _ ("Create practice set"));
  set = kts_practice_set_create_from_coding (self->project, selected_document (self),
                                             selected_coder (self), (const char *const *)layers,
                                             title, student, error);
  if (set == NULL)
    {
      if (pass)
        kts_project_abort_group (self->project);
      return FALSE;
    }
  if (pass)
    {
      kts_project_set_double (self->project, set, "pass-threshold",
                              gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->pass_spin)));
      kts_project_end_group (self->project);
    }
  g_set_weak_pointer (&self->set, set);
  return TRUE;
}

static void
response_cb (KtsPracticeDialog *self, const char *response)
{
  g_autoptr (GError) error = NULL;

  if (!g_str_equal (response, "create"))
    return;
  if (!create (self, &error))
    {
      GtkWidget *dialog
          = adw_message_dialog_new (gtk_window_get_transient_for (GTK_WINDOW (self)),
                                    _ ("Could Not Make the Practice Set"), error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
entry_activate_cb (KtsPracticeDialog *self)
{
  if (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (self), "create"))
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (self), "create");
}

static void
kts_practice_dialog_dispose (GObject *object)
{
  KtsPracticeDialog *self = KTS_PRACTICE_DIALOG (object);

  g_clear_weak_pointer (&self->set);
  g_clear_object (&self->project);
  g_clear_object (&self->documents);
  G_OBJECT_CLASS (kts_practice_dialog_parent_class)->dispose (object);
}

static void
kts_practice_dialog_finalize (GObject *object)
{
  KtsPracticeDialog *self = KTS_PRACTICE_DIALOG (object);

  g_clear_pointer (&self->coders, g_ptr_array_unref);
  g_clear_pointer (&self->layer_checks, g_ptr_array_unref);
  g_free (self->suggested_title);
  G_OBJECT_CLASS (kts_practice_dialog_parent_class)->finalize (object);
}

static void
kts_practice_dialog_class_init (KtsPracticeDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = kts_practice_dialog_dispose;
  G_OBJECT_CLASS (klass)->finalize = kts_practice_dialog_finalize;
}

static GtkWidget *
labelled (const char *text, GtkWidget *widget)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), widget);
  return box;
}

static void
kts_practice_dialog_init (KtsPracticeDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *layers_label;
  GtkWidget *layers;

  self->coders = g_ptr_array_new ();
  self->layer_checks = g_ptr_array_new ();

  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), _ ("New Practice Set"));
  adw_message_dialog_set_body (
      ADW_MESSAGE_DIALOG (self),
      _ ("A student codes the transcript; the reference coder’s codings stay hidden until the "
         "student submits, and are then compared with theirs."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self), "cancel", _ ("_Cancel"), "create",
                                    _ ("C_reate"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "create",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "create");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");

  self->document_dropdown
      = gtk_drop_down_new (NULL, gtk_property_expression_new (KTS_TYPE_DOCUMENT, NULL, "title"));
  g_signal_connect_swapped (self->document_dropdown, "notify::selected",
                            G_CALLBACK (document_changed_cb), self);
  gtk_box_append (GTK_BOX (box), labelled (_ ("_Transcript"), self->document_dropdown));

  self->coder_dropdown = gtk_drop_down_new (NULL, NULL);
  g_signal_connect_swapped (self->coder_dropdown, "notify::selected", G_CALLBACK (coder_changed_cb),
                            self);
  gtk_box_append (GTK_BOX (box), labelled (_ ("_Reference coder"), self->coder_dropdown));

  self->layers_box = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->layers_box), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->layers_box), 5);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (self->layers_box), TRUE);
  layers = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  layers_label = gtk_label_new (_ ("Layers to practise"));
  gtk_label_set_xalign (GTK_LABEL (layers_label), 0);
  gtk_widget_add_css_class (layers_label, "heading");
  gtk_box_append (GTK_BOX (layers), layers_label);
  gtk_box_append (GTK_BOX (layers), self->layers_box);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->layers_box),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, layers_label, NULL, -1);
  gtk_box_append (GTK_BOX (box), layers);

  self->title_entry = gtk_entry_new ();
  g_signal_connect_swapped (self->title_entry, "changed", G_CALLBACK (validate), self);
  g_signal_connect_swapped (self->title_entry, "activate", G_CALLBACK (entry_activate_cb), self);
  gtk_box_append (GTK_BOX (box), labelled (_ ("T_itle"), self->title_entry));

  self->student_entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (self->student_entry), _ ("Student"));
  g_signal_connect_swapped (self->student_entry, "changed", G_CALLBACK (validate), self);
  g_signal_connect_swapped (self->student_entry, "activate", G_CALLBACK (entry_activate_cb), self);
  gtk_box_append (GTK_BOX (box), labelled (_ ("_Student’s name"), self->student_entry));

  {
    /* Optional, off by default: the overall F1 at which the set counts as passed. */
    GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);

    self->pass_check = gtk_check_button_new_with_mnemonic (_ ("_Pass at F1 ≥"));
    self->pass_spin = gtk_spin_button_new_with_range (0.0, 1.0, 0.05);
    gtk_spin_button_set_digits (GTK_SPIN_BUTTON (self->pass_spin), 2);
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->pass_spin), 0.7);
    gtk_widget_set_sensitive (self->pass_spin, FALSE);
    g_object_bind_property (self->pass_check, "active", self->pass_spin, "sensitive",
                            G_BINDING_DEFAULT);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->pass_spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _ ("Pass threshold on F1"), -1);
    gtk_box_append (GTK_BOX (row), self->pass_check);
    gtk_box_append (GTK_BOX (row), self->pass_spin);
    gtk_box_append (GTK_BOX (box), row);
  }

  self->message = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->message), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->message), 0);
  gtk_widget_add_css_class (self->message, "dim-label");
  gtk_box_append (GTK_BOX (box), self->message);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), box);
  /* Before the caller's handlers, so they find the set made. */
  g_signal_connect (self, "response", G_CALLBACK (response_cb), NULL);
}

GtkWidget *
kts_practice_dialog_new (GtkWindow *parent, KtsProject *project, KtsDocument *document)
{
  KtsPracticeDialog *self;
  GListModel        *documents;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (KTS_IS_PROJECT (project), NULL);
  g_return_val_if_fail (document == NULL || KTS_IS_DOCUMENT (document), NULL);

  self = g_object_new (KTS_TYPE_PRACTICE_DIALOG, "transient-for", parent, "modal", TRUE, NULL);
  self->project = g_object_ref (project);
  self->documents = g_list_store_new (KTS_TYPE_DOCUMENT);
  documents = kts_project_get_documents (project);
  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr (KtsDocument) d = g_list_model_get_item (documents, i);

      if (g_list_model_get_n_items (kts_document_get_codings (d)) > 0)
        g_list_store_append (self->documents, d);
    }
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->document_dropdown), G_LIST_MODEL (self->documents));
  if (document == NULL || !kts_practice_dialog_set_document (self, document))
    document_changed_cb (self);
  return GTK_WIDGET (self);
}

KtsPracticeSet *
kts_practice_dialog_get_set (KtsPracticeDialog *self)
{
  g_return_val_if_fail (KTS_IS_PRACTICE_DIALOG (self), NULL);
  return self->set;
}

gboolean
kts_practice_dialog_set_document (KtsPracticeDialog *self, KtsDocument *document)
{
  g_return_val_if_fail (KTS_IS_PRACTICE_DIALOG (self), FALSE);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->documents)); i++)
    {
      g_autoptr (KtsDocument) d = g_list_model_get_item (G_LIST_MODEL (self->documents), i);

      if (d != document)
        continue;
      if (gtk_drop_down_get_selected (GTK_DROP_DOWN (self->document_dropdown)) == i)
        document_changed_cb (self);
      else
        gtk_drop_down_set_selected (GTK_DROP_DOWN (self->document_dropdown), i);
      return TRUE;
    }
  return FALSE;
}

gboolean
kts_practice_dialog_set_reference (KtsPracticeDialog *self, KtsCoder *coder)
{
  guint pos;

  g_return_val_if_fail (KTS_IS_PRACTICE_DIALOG (self), FALSE);

  if (!g_ptr_array_find (self->coders, coder, &pos))
    return FALSE;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->coder_dropdown), pos);
  return TRUE;
}

GStrv
kts_practice_dialog_dup_reference_labels (KtsPracticeDialog *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  GListModel *model;

  g_return_val_if_fail (KTS_IS_PRACTICE_DIALOG (self), NULL);

  model = gtk_drop_down_get_model (GTK_DROP_DOWN (self->coder_dropdown));
  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    g_strv_builder_add (builder, gtk_string_list_get_string (GTK_STRING_LIST (model), i));
  return g_strv_builder_end (builder);
}

GStrv
kts_practice_dialog_dup_layers (KtsPracticeDialog *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (KTS_IS_PRACTICE_DIALOG (self), NULL);

  for (guint i = 0; i < self->layer_checks->len; i++)
    g_strv_builder_add (
        builder,
        g_object_get_data (G_OBJECT (g_ptr_array_index (self->layer_checks, i)), "kts-layer"));
  return g_strv_builder_end (builder);
}

gboolean
kts_practice_dialog_set_layer_active (KtsPracticeDialog *self, const char *layer, gboolean active)
{
  g_return_val_if_fail (KTS_IS_PRACTICE_DIALOG (self), FALSE);

  for (guint i = 0; i < self->layer_checks->len; i++)
    {
      GtkWidget *check = g_ptr_array_index (self->layer_checks, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (check), "kts-layer"), layer) == 0)
        {
          gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
          return TRUE;
        }
    }
  return FALSE;
}

void
kts_practice_dialog_set_title (KtsPracticeDialog *self, const char *title)
{
  g_return_if_fail (KTS_IS_PRACTICE_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->title_entry), title != NULL ? title : "");
}

void
kts_practice_dialog_set_student (KtsPracticeDialog *self, const char *name)
{
  g_return_if_fail (KTS_IS_PRACTICE_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->student_entry), name != NULL ? name : "");
}

void
kts_practice_dialog_set_pass_threshold (KtsPracticeDialog *self, double threshold)
{
  g_return_if_fail (KTS_IS_PRACTICE_DIALOG (self));

  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->pass_check), threshold >= 0);
  if (threshold >= 0)
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->pass_spin), threshold);
}

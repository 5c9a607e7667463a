/* kts-coding-popover.c: the popover listing the codings at a clicked point.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "kts-coding-popover"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "kts-coding-popover.h"
#include "kts-enum-types.h"
#include "kts-color-swatch.h"
#include "kts-practice.h"
#include "kts-quick-code-popover.h"

struct _KtsCodingPopover
{
  GtkPopover parent_instance;

  GtkWidget *box;

  KtsProject *project;
  GPtrArray  *codings;
  gulong      changed_id;
};

G_DEFINE_FINAL_TYPE (KtsCodingPopover, kts_coding_popover, GTK_TYPE_POPOVER)

static const char *actor_labels[] = {
  N_ ("Actor Not Set"), N_ ("Therapist"), N_ ("Client"), N_ ("Dyad"), N_ ("Third Person"),
};

const char *
kts_actor_get_label (KtsActor actor)
{
  if ((guint)actor >= G_N_ELEMENTS (actor_labels))
    actor = KTS_ACTOR_UNSET;
  return _ (actor_labels[actor]);
}

static void rebuild (KtsCodingPopover *self);

static KtsCoding *
widget_get_coding (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), "kts-coding");
}

static gboolean
coding_alive (KtsCodingPopover *self, KtsCoding *coding)
{
  return self->project != NULL
         && kts_project_lookup (self->project, kts_item_get_guid (KTS_ITEM (coding)))
                == KTS_ITEM (coding);
}

static void
toast (KtsCodingPopover *self, const char *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (title));
}

/* An edit of @coding through the project's checked operation; a coding that
 * a submitted practice set locks is refused with a toast. */
static void
set_value (KtsCodingPopover *self, KtsCoding *coding, const char *property, const GValue *value)
{
  g_autoptr (GError) error = NULL;

  if (!kts_project_try_set_property (self->project, coding, property, value, &error))
    {
      toast (self, error->message);
      rebuild (self);
    }
}

static void
actor_selected_cb (GtkDropDown *dropdown, GParamSpec *pspec, KtsCodingPopover *self)
{
  KtsCoding *coding = widget_get_coding (GTK_WIDGET (dropdown));
  guint      actor = gtk_drop_down_get_selected (dropdown);

  if (coding_alive (self, coding) && actor < G_N_ELEMENTS (actor_labels)
      && (guint)kts_coding_get_actor (coding) != actor)
    {
      g_auto (GValue) value = G_VALUE_INIT;

      g_value_init (&value, KTS_TYPE_ACTOR);
      g_value_set_enum (&value, (int)actor);
      set_value (self, coding, "actor", &value);
    }
}

static void
memo_commit (KtsCodingPopover *self, GtkWidget *entry)
{
  KtsCoding       *coding = widget_get_coding (entry);
  g_autofree char *memo = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));

  if (!coding_alive (self, coding))
    return;
  g_strstrip (memo);
  if (*memo == '\0')
    g_clear_pointer (&memo, g_free);
  if (g_strcmp0 (memo, kts_coding_get_memo (coding)) != 0)
    {
      g_auto (GValue) value = G_VALUE_INIT;

      g_value_init (&value, G_TYPE_STRING);
      g_value_set_string (&value, memo);
      set_value (self, coding, "memo", &value);
    }
}

static void
memo_activate_cb (GtkEntry *entry, KtsCodingPopover *self)
{
  memo_commit (self, GTK_WIDGET (entry));
}

static void
memo_focus_leave_cb (GtkEventControllerFocus *focus, KtsCodingPopover *self)
{
  memo_commit (self, gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (focus)));
}

/* The submitted practice set that locks @coding (docs/practice.md). */
static KtsPracticeSet *
locking_set (KtsCodingPopover *self, KtsCoding *coding)
{
  GListModel *sets = kts_project_get_practice_sets (self->project);
  guint       n = g_list_model_get_n_items (sets);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (KtsPracticeSet) set = g_list_model_get_item (sets, i);

      if (kts_practice_set_get_state (set) == KTS_PRACTICE_STATE_SUBMITTED
          && kts_practice_set_get_document (set) == kts_coding_get_document (coding)
          && kts_practice_set_get_student_coder (set) == kts_coding_get_coder (coding))
        return set; /* the project's list holds it */
    }
  return NULL;
}

static void
code_chosen_cb (KtsQuickCodePopover *chooser, KtsCode *code, KtsCodingPopover *self)
{
  KtsCoding *coding = widget_get_coding (GTK_WIDGET (chooser));

  if (coding_alive (self, coding) && kts_coding_get_code (coding) != code)
    {
      g_auto (GValue) value = G_VALUE_INIT;

      g_value_init (&value, KTS_TYPE_CODE);
      g_value_set_object (&value, code);
      set_value (self, coding, "code", &value);
    }
}

static void
change_code_clicked_cb (GtkButton *button, KtsCodingPopover *self)
{
  GtkWidget      *chooser = g_object_get_data (G_OBJECT (button), "kts-chooser");
  graphene_rect_t bounds;

  if (gtk_widget_compute_bounds (GTK_WIDGET (button), gtk_widget_get_parent (chooser), &bounds))
    gtk_popover_set_pointing_to (
        GTK_POPOVER (chooser), &(GdkRectangle){ (int)bounds.origin.x, (int)bounds.origin.y,
                                                (int)bounds.size.width, (int)bounds.size.height });
  gtk_popover_popup (GTK_POPOVER (chooser));
}

static GtkWidget *
make_card (KtsCodingPopover *self, KtsCoding *coding)
{
  KtsCode            *code = kts_coding_get_code (coding);
  KtsCoder           *coder = kts_coding_get_coder (coding);
  GtkWidget          *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget          *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget          *code_button = gtk_button_new ();
  GtkWidget          *code_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget          *code_label = gtk_label_new (kts_code_get_name (code));
  gboolean            locked = kts_project_coding_is_locked (self->project, coding);
  GtkWidget          *remove;
  GtkWidget          *quote;
  GtkWidget          *actor;
  GtkWidget          *memo;
  GtkWidget          *meta;
  GtkWidget          *chooser;
  GtkEventController *focus;
  g_autofree char    *text = kts_coding_dup_text (coding);
  g_autofree char    *quoted = NULL;
  g_autofree char    *meta_text = NULL;
  g_autofree char    *when = NULL;
  g_autoptr (GDateTime) created = NULL;
  g_autoptr (GtkStringList) actors = gtk_string_list_new (NULL);
  g_autofree char *change_tip = NULL;

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "coding-card");

  /* Code: a button opening the quick-code search to change it. */
  gtk_box_append (GTK_BOX (code_box), kts_color_swatch_new (kts_code_get_color (code)));
  gtk_label_set_ellipsize (GTK_LABEL (code_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (code_label), 0);
  gtk_widget_add_css_class (code_label, "heading");
  gtk_box_append (GTK_BOX (code_box), code_label);
  gtk_widget_set_halign (code_box, GTK_ALIGN_START);
  gtk_button_set_child (GTK_BUTTON (code_button), code_box);
  gtk_widget_add_css_class (code_button, "flat");
  gtk_widget_set_hexpand (code_button, TRUE);
  change_tip = g_strdup_printf (_ ("Change code “%s”"), kts_code_get_name (code));
  gtk_widget_set_tooltip_text (code_button, change_tip);

  chooser = kts_quick_code_popover_new ();
  kts_quick_code_popover_set_project (KTS_QUICK_CODE_POPOVER (chooser), self->project);
  kts_quick_code_popover_set_heading (KTS_QUICK_CODE_POPOVER (chooser), _ ("Change Code"));
  g_object_set_data_full (G_OBJECT (chooser), "kts-coding", g_object_ref (coding), g_object_unref);
  g_signal_connect (chooser, "code-chosen", G_CALLBACK (code_chosen_cb), self);
  /* The card (a box) carries the popover, so that removing the card takes it
   * along; the button only opens it. */
  gtk_widget_set_parent (chooser, card);
  g_object_set_data (G_OBJECT (code_button), "kts-chooser", chooser);
  g_signal_connect (code_button, "clicked", G_CALLBACK (change_code_clicked_cb), self);
  gtk_box_append (GTK_BOX (header), code_button);

  /* Add to Map: a move anchored to this coding in the Process map's episode. */
  {
    GtkWidget *to_map = gtk_button_new_from_icon_name ("x-office-drawing-symbolic");

    gtk_widget_add_css_class (to_map, "flat");
    gtk_widget_set_valign (to_map, GTK_ALIGN_CENTER);
    gtk_widget_set_tooltip_text (to_map, _ ("Add to Map"));
    gtk_accessible_update_property (GTK_ACCESSIBLE (to_map), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _ ("Add to Map"), -1);
    gtk_actionable_set_action_target_value (
        GTK_ACTIONABLE (to_map), g_variant_new_string (kts_item_get_guid (KTS_ITEM (coding))));
    gtk_actionable_set_action_name (GTK_ACTIONABLE (to_map), "win.add-to-map");
    gtk_box_append (GTK_BOX (header), to_map);
  }

  /* Removing goes through the window, which tells why when it cannot. A
   * coding locked by a submitted practice set shows a lock instead. */
  if (locked)
    {
      KtsPracticeSet  *set = locking_set (self, coding);
      g_autofree char *why = g_strdup_printf (
          _ ("Locked: the practice set “%s” was submitted, so this coding can no longer change"),
          set != NULL ? kts_practice_set_get_title (set) : "");

      remove = gtk_image_new_from_icon_name ("changes-prevent-symbolic");
      gtk_widget_add_css_class (remove, "dim-label");
      gtk_widget_set_margin_start (remove, 8);
      gtk_widget_set_margin_end (remove, 8);
      gtk_widget_set_tooltip_text (remove, why);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _ ("Locked"), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, why, -1);
      gtk_widget_set_sensitive (code_button, FALSE);
      gtk_widget_set_tooltip_text (code_button, why);
    }
  else
    {
      remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _ ("Remove Coding"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _ ("Remove Coding"), -1);
      gtk_actionable_set_action_target_value (
          GTK_ACTIONABLE (remove), g_variant_new_string (kts_item_get_guid (KTS_ITEM (coding))));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "win.remove-coding");
    }
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (remove), "kts-coding", g_object_ref (coding), g_object_unref);
  gtk_box_append (GTK_BOX (header), remove);
  gtk_box_append (GTK_BOX (card), header);

  /* The passage, quoted. */
  if (g_utf8_strlen (text, -1) > 280)
    {
      char *cut = g_utf8_offset_to_pointer (text, 280);
      *cut = '\0';
      quoted = g_strdup_printf ("“%s…”", text);
    }
  else
    quoted = g_strdup_printf ("“%s”", text);
  quote = gtk_label_new (quoted);
  gtk_label_set_wrap (GTK_LABEL (quote), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (quote), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (quote), 4);
  gtk_label_set_ellipsize (GTK_LABEL (quote), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (quote), 0);
  gtk_label_set_max_width_chars (GTK_LABEL (quote), 48);
  gtk_widget_add_css_class (quote, "coding-quote");
  gtk_widget_set_margin_start (quote, 10);
  gtk_widget_set_margin_end (quote, 10);
  gtk_box_append (GTK_BOX (card), quote);

  /* Actor. */
  for (guint i = 0; i < G_N_ELEMENTS (actor_labels); i++)
    gtk_string_list_append (actors, _ (actor_labels[i]));
  actor = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&actors)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (actor), (guint)kts_coding_get_actor (coding));
  gtk_widget_set_tooltip_text (actor, _ ("Who expresses the need (Alt+T, Alt+C, Alt+D, Alt+3)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (actor), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Actor"), -1);
  g_object_set_data_full (G_OBJECT (actor), "kts-coding", g_object_ref (coding), g_object_unref);
  g_signal_connect (actor, "notify::selected", G_CALLBACK (actor_selected_cb), self);
  gtk_widget_set_sensitive (actor, !locked);
  gtk_widget_set_margin_start (actor, 10);
  gtk_widget_set_margin_end (actor, 10);
  gtk_box_append (GTK_BOX (card), actor);

  /* Memo. */
  memo = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (memo), _ ("Add a memo"));
  if (kts_coding_get_memo (coding) != NULL)
    gtk_editable_set_text (GTK_EDITABLE (memo), kts_coding_get_memo (coding));
  gtk_accessible_update_property (GTK_ACCESSIBLE (memo), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Memo"),
                                  -1);
  g_object_set_data_full (G_OBJECT (memo), "kts-coding", g_object_ref (coding), g_object_unref);
  g_signal_connect (memo, "activate", G_CALLBACK (memo_activate_cb), self);
  gtk_widget_set_sensitive (memo, !locked);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "leave", G_CALLBACK (memo_focus_leave_cb), self);
  gtk_widget_add_controller (memo, focus);
  gtk_widget_set_margin_start (memo, 10);
  gtk_widget_set_margin_end (memo, 10);
  gtk_box_append (GTK_BOX (card), memo);

  /* Who and when. */
  /* Codings imported from elsewhere may carry no time. */
  if (kts_coding_get_created (coding) > 0)
    created = g_date_time_new_from_unix_local (kts_coding_get_created (coding));
  when = created != NULL ? g_date_time_format (created, "%x") : NULL;
  if (coder != NULL && when != NULL)
    /* Translators: "Ada Analyst · 22/11/26" */
    meta_text = g_strdup_printf (_ ("%s · %s"), kts_coder_get_name (coder), when);
  else if (coder != NULL)
    meta_text = g_strdup (kts_coder_get_name (coder));
  else
    meta_text = g_strdup (when != NULL ? when : "");
  meta = gtk_label_new (meta_text);
  gtk_label_set_xalign (GTK_LABEL (meta), 0);
  gtk_widget_add_css_class (meta, "caption");
  gtk_widget_add_css_class (meta, "dim-label");
  gtk_widget_set_margin_start (meta, 10);
  gtk_widget_set_margin_end (meta, 10);
  gtk_widget_set_margin_bottom (meta, 8);
  gtk_box_append (GTK_BOX (card), meta);

  /* A submitted practice answer is shown, not edited. */
  if (locked)
    {
      g_autofree char *meta_locked
          = g_strdup_printf (_ ("%s · Submitted for practice: locked"), meta_text);

      gtk_label_set_text (GTK_LABEL (meta), meta_locked);
    }

  return card;
}

static void
rebuild (KtsCodingPopover *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->box)) != NULL)
    gtk_box_remove (GTK_BOX (self->box), child);

  if (self->codings == NULL)
    return;

  for (guint i = 0; i < self->codings->len;)
    {
      KtsCoding *coding = g_ptr_array_index (self->codings, i);

      /* Gone, or hidden by a practice set opened meanwhile. */
      if (!coding_alive (self, coding) || kts_project_coding_is_hidden (self->project, coding))
        g_ptr_array_remove_index (self->codings, i);
      else
        i++;
    }

  if (self->codings->len == 0)
    {
      gtk_popover_popdown (GTK_POPOVER (self));
      return;
    }

  for (guint i = 0; i < self->codings->len; i++)
    gtk_box_append (GTK_BOX (self->box), make_card (self, g_ptr_array_index (self->codings, i)));
}

static void
project_changed_cb (KtsCodingPopover *self)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));

  /* Rebuilding under a memo being typed would eat the user's typing; the
   * memo is committed when the entry loses focus anyway. */
  if (focus != NULL && GTK_IS_TEXT (focus) && gtk_widget_is_ancestor (focus, self->box))
    return;
  if (gtk_widget_get_visible (GTK_WIDGET (self)))
    rebuild (self);
}

static void
kts_coding_popover_dispose (GObject *object)
{
  KtsCodingPopover *self = KTS_CODING_POPOVER (object);

  if (self->project != NULL)
    g_clear_signal_handler (&self->changed_id, self->project);
  g_clear_object (&self->project);
  g_clear_pointer (&self->codings, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), KTS_TYPE_CODING_POPOVER);
  G_OBJECT_CLASS (kts_coding_popover_parent_class)->dispose (object);
}

static void
kts_coding_popover_class_init (KtsCodingPopoverClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kts_coding_popover_dispose;

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/kintsugi_qda/Kintsugi/kts-coding-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, KtsCodingPopover, box);
}

static void
kts_coding_popover_init (KtsCodingPopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kts_coding_popover_new (void)
{
  return g_object_new (KTS_TYPE_CODING_POPOVER, NULL);
}

void
kts_coding_popover_set_codings (KtsCodingPopover *self,
                                KtsProject       *project,
                                KtsCoding *const *codings,
                                guint             n_codings)
{
  g_return_if_fail (KTS_IS_CODING_POPOVER (self));
  g_return_if_fail (KTS_IS_PROJECT (project));

  if (self->project != project)
    {
      if (self->project != NULL)
        g_clear_signal_handler (&self->changed_id, self->project);
      g_set_object (&self->project, project);
      self->changed_id
          = g_signal_connect_swapped (project, "changed", G_CALLBACK (project_changed_cb), self);
    }

  g_clear_pointer (&self->codings, g_ptr_array_unref);
  self->codings = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_codings; i++)
    g_ptr_array_add (self->codings, g_object_ref (codings[i]));
  rebuild (self);
}

/* kts-map-fixture.h: builds episodes from the event tables in tests/data/map.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kts-core.h"

G_BEGIN_DECLS

/* Loads tests/data/map/NAME into a new episode (not in any project). */
KtsEpisode *kts_map_fixture_load (const char *name);

extern const char *const kts_map_fixture_names[];

G_END_DECLS

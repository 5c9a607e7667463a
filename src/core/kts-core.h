/* kts-core.h: everything of libkintsugi-core.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kts-enums.h"
#include "kts-enum-types.h"
#include "kts-error.h"
#include "kts-item.h"
#include "kts-code.h"
#include "kts-codebook.h"
#include "kts-coder.h"
#include "kts-coding.h"
#include "kts-document.h"
#include "kts-case.h"
#include "kts-move.h"
#include "kts-edge.h"
#include "kts-episode.h"
#include "kts-project.h"
#include "kts-practice.h"
#include "kts-project-io.h"
#include "kts-file-util.h"
#include "kts-import.h"
#include "kts-csv.h"
#include "kts-refi.h"

// One review as the model consumes it: the data side's encoding (128 word ids, 0 = padding, and the label).
#pragma once

#include "sentiment/data/vocabulary.hpp"

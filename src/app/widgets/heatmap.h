#pragma once
// Draws a grid of values as one textured quad through shaders/heatmap.*: one
// texel per cell, coloured by the value colour map on the GPU. Used for grids
// coloured by value (the MNIST map and larger), where thousands of ImGui
// rectangles would be wasteful.
#include <imgui.h>

#include <memory>
#include <string>
#include <vector>

#include "core/colormap.h"
#include "core/grid.h"

// Compiles the shared program; false (and heatmap_error()) if it fails, in
// which case callers fall back to drawing cells one by one. Until it is
// called, heatmap_ready() is false and heatmap_error() empty.
bool heatmap_init();
void heatmap_shutdown();
bool heatmap_ready();
const std::string& heatmap_error();
// The GL context was lost (on the web, when the GPU resets): every program and
// texture made so far is gone. Forgets them without deleting; heatmap_init()
// makes the program again and each map uploads its texture at its next draw.
void heatmap_context_lost();

class Heatmap {
public:
    Heatmap() = default;
    Heatmap(const Heatmap&) = delete;
    Heatmap& operator=(const Heatmap&) = delete;
    ~Heatmap() { release(); }
    void release();  // frees the texture; call while the GL context is current

    // Draws `values` over [p0, p1) with the colour scale [lo, hi]; cells after
    // the first `filled` (row-major) are drawn empty. Re-uploads only on change.
    // With `overlay` > 0 the map is laid over what is below it, each cell as
    // opaque as its value is high (at most `overlay`): strong responses show.
    void draw(ImDrawList* dl, const pl::Grid& values, ImVec2 p0, ImVec2 p1, float lo, float hi, int filled,
              float border_px, pl::Colormap map = pl::Colormap::Viridis, float overlay = 0.0f);

    // What the shader reads, set at draw time and used when ImGui renders.
    struct Uniforms {
        float cols = 0, rows = 0, lo = 0, hi = 0, filled = 0, border = 0;
        pl::Colormap map = pl::Colormap::Viridis;
        float overlay = 0;
    };

private:
    unsigned texture_ = 0;
    unsigned generation_ = 0;  // the context the texture was made in (see heatmap_context_lost)
    pl::Grid uploaded_;
    Uniforms uniforms_;
};

// A heat map per grid drawn in a frame: each needs its own texture and
// uniforms until ImGui renders. Slots are handed out in order and reused in
// the next frame, so a grid keeps its texture while it stays on screen.
class HeatmapSlots {
public:
    void begin_frame() { next_ = 0; }
    Heatmap& next();
    void release();

private:
    std::vector<std::unique_ptr<Heatmap>> slots_;
    size_t next_ = 0;
};

// Heat map of a grid of values: each texel is one cell (R32F, nearest), its
// value mapped through a colour map given as evenly spaced samples (the same
// samples as the core's pl::viridis). Cells past u_filled (row-major) are
// drawn empty, so the output fills in step by step; thin borders separate
// cells once they are large enough on screen. As an overlay, low values fade
// out so only the strong responses cover the picture below.
uniform sampler2D u_values;
uniform vec2 u_grid;          // columns, rows
uniform vec2 u_range;         // lo, hi
uniform float u_filled;       // cells drawn with their value; the rest are empty
uniform float u_border;       // border width in pixels (0: none)
uniform vec3 u_empty;         // colour of an empty cell
uniform vec3 u_border_colour;
uniform vec3 u_lut[11];
uniform float u_overlay;      // 0: opaque; > 0: laid over the picture, alpha = t * u_overlay

in vec2 v_uv;
out vec4 frag_colour;

vec3 colour_map(float t) {
    t = clamp(t, 0.0, 1.0) * 10.0;
    int i = int(min(floor(t), 9.0));
    return mix(u_lut[i], u_lut[i + 1], t - float(i));
}

// The value under this pixel. Magnified, a cell covers many pixels: the cell's
// value (nearest, so cells stay sharp). Minified, a pixel covers several
// cells: their average over a 4 x 4 grid of samples, so a picture drawn
// smaller than 1:1 does not show a moire pattern the data does not have.
float value_at(vec2 cell) {
    vec2 footprint = fwidth(cell);
    if (max(footprint.x, footprint.y) <= 1.0) {
        return texelFetch(u_values, ivec2(min(floor(cell), u_grid - 1.0)), 0).r;
    }
    float sum = 0.0;
    for (int i = 0; i < 4; ++i) {
        for (int j = 0; j < 4; ++j) {
            vec2 at = cell + (vec2(float(j), float(i)) / 4.0 - 0.375) * footprint;
            sum += texelFetch(u_values, ivec2(clamp(floor(at), vec2(0.0), u_grid - 1.0)), 0).r;
        }
    }
    return sum / 16.0;
}

void main() {
    vec2 cell = v_uv * u_grid;
    vec2 index = min(floor(cell), u_grid - 1.0);
    float value = value_at(cell);
    float span = u_range.y - u_range.x;
    float t = span > 0.0 ? (value - u_range.x) / span : 0.5;
    bool filled = index.y * u_grid.x + index.x < u_filled;
    vec3 colour = filled ? colour_map(t) : u_empty;
    if (u_border > 0.0) {
        // Distance to the nearest cell edge, in pixels.
        vec2 pixels_per_cell = 1.0 / max(fwidth(cell), vec2(1e-6));
        vec2 f = fract(cell);
        vec2 edge = min(f, 1.0 - f) * pixels_per_cell;
        if (min(edge.x, edge.y) < u_border * 0.5) colour = u_border_colour;
    }
    frag_colour = vec4(colour, u_overlay > 0.0 ? clamp(t, 0.0, 1.0) * u_overlay : 1.0);
}

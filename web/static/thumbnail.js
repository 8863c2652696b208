// The thumbnail review drawn on the thumbnail itself: each word's box coloured by the smallest
// size it stays readable at, the faces, where the eye goes and the corner YouTube's duration
// badge covers; then the thumbnail at the small sizes the words were judged at. The badge corner
// and those sizes come from the server, in the numbers the review itself uses.
const geometry = fetch("/thumbnail-geometry.json")
  .then((response) => (response.ok ? response.json() : null))
  .catch(() => null);

// [box class, its words]; the last four need the geometry (sizes, the badge corner).
const LEGEND = [
  ["face", "thumbnail.legend.face"],
  ["salient", "thumbnail.legend.salient"],
  ["text-small", "thumbnail.legend.small"],
  ["text-medium", "thumbnail.legend.medium"],
  ["text-unreadable", "thumbnail.legend.unreadable"],
  ["badge", "thumbnail.legend.badge"],
];

function sizeName(size) { return `${size.width}×${size.height}`; }

// A box of fractions of the image, as an element laid over it.
function overlay(box, kind, label) {
  const node = el("span", null, `box ${kind}`);
  const b = box || {};
  node.style.left = `${(b.x || 0) * 100}%`;
  node.style.top = `${(b.y || 0) * 100}%`;
  node.style.width = `${(b.width || 0) * 100}%`;
  node.style.height = `${(b.height || 0) * 100}%`;
  if (label) node.title = label;
  return node;
}

function readability(text) {
  if (text.legibleSmall) return "text-small";
  return text.legibleMedium ? "text-medium" : "text-unreadable";
}

function legend(shape) {
  const ul = el("ul", null, "legend");
  const [small, medium] = shape ? shape.previews.map(sizeName) : [];
  for (const [kind, key] of shape ? LEGEND : LEGEND.slice(0, 2)) {
    const li = el("li");
    li.append(el("span", null, `swatch ${kind}`), el("span", t(key, { small, medium })));
    ul.append(li);
  }
  return ul;
}

function fillPreviews(box, src, shape) {
  box.append(el("h3", t("thumbnail.previews")));
  for (const size of shape.previews) {
    const figure = el("figure");
    const image = el("img");
    image.src = src;
    image.alt = sizeName(size);
    image.style.width = `${size.width}px`; // CSS pixels: the size a viewer's feed shows
    image.style.height = `${size.height}px`;
    figure.append(image, el("figcaption", sizeName(size)));
    box.append(figure);
  }
}

// Appends the annotated thumbnail to `body`; nothing when the result carries no image.
async function drawThumbnail(body, result) {
  if (!result.imageJpeg) return;
  const src = `data:image/jpeg;base64,${result.imageJpeg}`;
  const figure = el("figure", null, "annotated");
  const frame = el("div", null, "frame");
  const image = el("img", null, "shot");
  image.src = src;
  image.alt = t("thumbnail.image");
  frame.append(image);
  const composition = result.composition || {};
  if (composition.salientBox) {
    frame.append(overlay(composition.salientBox, "salient", t("thumbnail.legend.salient")));
  }
  for (const face of result.faces || []) frame.append(overlay(face.box, "face", t("thumbnail.legend.face")));
  for (const text of result.texts || []) frame.append(overlay(text.box, readability(text), text.text));
  figure.append(frame);
  body.append(figure);
  const covers = (composition.badgeCovers || []).map((what) => t(`thumbnail.covers.${what}`));
  if (covers.length) body.append(el("p", t("thumbnail.badgeCovers", { what: covers.join(", ") })));
  const small = el("div", null, "previews");
  body.append(small);
  const shape = await geometry; // the badge corner and the small sizes, from the server
  if (shape) {
    const corner = shape.badgeCorner;
    const badge = { x: corner.x, y: corner.y, width: 1 - corner.x, height: 1 - corner.y };
    image.after(overlay(badge, "badge", t("thumbnail.legend.badge"))); // under the other boxes
    fillPreviews(small, src, shape);
  }
  const caption = el("figcaption");
  caption.append(legend(shape));
  figure.append(caption);
}

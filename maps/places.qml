<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22.16-Białowieża" styleCategories="AllStyleCategories" labelsEnabled="1" hasScaleBasedVisibilityFlag="0" maxScale="0" minScale="100000000" simplifyDrawingHints="0" simplifyLocal="1" simplifyAlgorithm="0" simplifyDrawingTol="1" simplifyMaxScale="1" symbologyReferenceScale="-1" readOnly="0">
 <flags>
  <Identifiable>1</Identifiable>
  <Removable>1</Removable>
  <Searchable>1</Searchable>
  <Private>0</Private>
 </flags>
 <temporal enabled="0" mode="0" startField="" endField="" durationField="" durationUnit="min" fixedDuration="0" accumulate="0" startExpression="" endExpression="" limitMode="0">
  <fixedRange>
   <start />
   <end />
  </fixedRange>
 </temporal>
 <renderer-v2 type="singleSymbol" symbollevels="0" forceraster="0" referencescale="-1" enableorderby="0">
  <symbols>
   <symbol type="marker" alpha="1" force_rhr="0" name="0" clip_to_extent="1">
    <data_defined_properties>
     <Option type="Map">
      <Option type="QString" name="name" value="" />
      <Option name="properties" />
      <Option type="QString" name="type" value="collection" />
     </Option>
    </data_defined_properties>
    <layer pass="0" locked="0" enabled="1" class="SimpleMarker">
     <Option type="Map">
      <Option type="QString" name="angle" value="0" />
      <Option type="QString" name="cap_style" value="square" />
      <Option type="QString" name="color" value="61,90,128,38" />
      <Option type="QString" name="horizontal_anchor_point" value="1" />
      <Option type="QString" name="joinstyle" value="bevel" />
      <Option type="QString" name="name" value="circle" />
      <Option type="QString" name="offset" value="0,0" />
      <Option type="QString" name="offset_map_unit_scale" value="3x:0,0,0,0,0,0" />
      <Option type="QString" name="offset_unit" value="Pixel" />
      <Option type="QString" name="outline_color" value="61,90,128,255" />
      <Option type="QString" name="outline_style" value="solid" />
      <Option type="QString" name="outline_width" value="1" />
      <Option type="QString" name="outline_width_map_unit_scale" value="3x:0,0,0,0,0,0" />
      <Option type="QString" name="outline_width_unit" value="Pixel" />
      <Option type="QString" name="scale_method" value="diameter" />
      <Option type="QString" name="size" value="12" />
      <Option type="QString" name="size_map_unit_scale" value="3x:0,0,0,0,0,0" />
      <Option type="QString" name="size_unit" value="Pixel" />
      <Option type="QString" name="vertical_anchor_point" value="1" />
     </Option>
     <prop k="angle" v="0" />
     <prop k="cap_style" v="square" />
     <prop k="color" v="61,90,128,38" />
     <prop k="horizontal_anchor_point" v="1" />
     <prop k="joinstyle" v="bevel" />
     <prop k="name" v="circle" />
     <prop k="offset" v="0,0" />
     <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0" />
     <prop k="offset_unit" v="Pixel" />
     <prop k="outline_color" v="61,90,128,255" />
     <prop k="outline_style" v="solid" />
     <prop k="outline_width" v="1" />
     <prop k="outline_width_map_unit_scale" v="3x:0,0,0,0,0,0" />
     <prop k="outline_width_unit" v="Pixel" />
     <prop k="scale_method" v="diameter" />
     <prop k="size" v="12" />
     <prop k="size_map_unit_scale" v="3x:0,0,0,0,0,0" />
     <prop k="size_unit" v="Pixel" />
     <prop k="vertical_anchor_point" v="1" />
     <data_defined_properties>
      <Option type="Map">
       <Option type="QString" name="name" value="" />
       <Option type="Map" name="properties">
        <Option type="Map" name="size">
         <Option type="bool" name="active" value="true" />
         <Option type="QString" name="expression" value="2 * min(4 + 2.5 * sqrt(max(coalesce(&quot;mentions&quot;, 1), 1)), 28)" />
         <Option type="int" name="type" value="3" />
        </Option>
       </Option>
       <Option type="QString" name="type" value="collection" />
      </Option>
     </data_defined_properties>
    </layer>
   </symbol>
  </symbols>
  <rotation />
  <sizescale />
 </renderer-v2>
 <labeling type="simple">
  <settings calloutType="simple">
   <text-style fieldName="place_name" isExpression="0" fontFamily="Sans Serif" namedStyle="Regular" fontSize="9" fontSizeUnit="Point" fontSizeMapUnitScale="3x:0,0,0,0,0,0" fontWeight="50" fontItalic="0" fontUnderline="0" fontStrikeout="0" fontKerning="1" fontLetterSpacing="0" fontWordSpacing="0" textColor="50,50,50,255" textOpacity="1" textOrientation="horizontal" multilineHeight="1" capitalization="0" blendMode="0" allowHtml="0" useSubstitutions="0" previewBkgrdColor="255,255,255,255" legendString="Aa">
    <text-buffer bufferDraw="1" bufferSize="0.8" bufferSizeUnits="MM" bufferSizeMapUnitScale="3x:0,0,0,0,0,0" bufferColor="255,255,255,255" bufferOpacity="0.9" bufferNoFill="1" bufferJoinStyle="128" bufferBlendMode="0" />
    <text-mask maskEnabled="0" maskType="0" maskSize="0" maskSizeUnits="MM" maskSizeMapUnitScale="3x:0,0,0,0,0,0" maskJoinStyle="128" maskOpacity="1" maskedSymbolLayers="" />
    <background shapeDraw="0" shapeType="0" />
    <shadow shadowDraw="0" />
    <dd_properties>
     <Option type="Map">
      <Option type="QString" name="name" value="" />
      <Option name="properties" />
      <Option type="QString" name="type" value="collection" />
     </Option>
    </dd_properties>
    <substitutions />
   </text-style>
   <text-format wrapChar="" autoWrapLength="0" useMaxLineLengthForAutoWrap="1" multilineAlign="3" addDirectionSymbol="0" formatNumbers="0" decimals="3" plussign="0" leftDirectionSymbol="&lt;" rightDirectionSymbol="&gt;" reverseDirectionSymbol="0" placeDirectionSymbol="0" />
   <placement placement="6" placementFlags="10" dist="1" distUnits="MM" distMapUnitScale="3x:0,0,0,0,0,0" predefinedPositionOrder="TR,TL,BR,BL,R,L,TSR,BSR" quadOffset="4" priority="5" offsetType="0" xOffset="0" yOffset="0" offsetUnits="MM" labelOffsetMapUnitScale="3x:0,0,0,0,0,0" rotationAngle="0" rotationUnit="AngleDegrees" preserveRotation="1" centroidWhole="0" centroidInside="0" fitInPolygonOnly="0" maxCurvedCharAngleIn="25" maxCurvedCharAngleOut="-25" repeatDistance="0" repeatDistanceUnits="MM" repeatDistanceMapUnitScale="3x:0,0,0,0,0,0" overrunDistance="0" overrunDistanceUnit="MM" overrunDistanceMapUnitScale="3x:0,0,0,0,0,0" lineAnchorPercent="0.5" lineAnchorType="0" lineAnchorClipping="0" polygonPlacementFlags="2" geometryGenerator="" geometryGeneratorEnabled="0" geometryGeneratorType="PointGeometry" layerType="PointGeometry" />
   <rendering drawLabels="1" obstacle="1" obstacleFactor="1" obstacleType="1" displayAll="0" upsidedownLabels="0" labelPerPart="0" mergeLines="0" minFeatureSize="0" limitNumLabels="0" maxNumLabels="2000" fontLimitPixelSize="0" fontMinPixelSize="3" fontMaxPixelSize="10000" scaleVisibility="0" scaleMin="0" scaleMax="0" zIndex="1" unplacedVisibility="0" />
   <dd_properties>
    <Option type="Map">
     <Option type="QString" name="name" value="" />
     <Option name="properties" />
     <Option type="QString" name="type" value="collection" />
    </Option>
   </dd_properties>
  </settings>
 </labeling>
 <blendMode>0</blendMode>
 <featureBlendMode>0</featureBlendMode>
 <layerOpacity>1</layerOpacity>
 <legend type="default-vector" showLabelLegend="0" />
 <previewExpression>"place_name"</previewExpression>
 <mapTip>&lt;b&gt;[% "place_name" %]&lt;/b&gt; ([% "kind" %], [% "country_code" %])&lt;br&gt;[% "mentions" %] mention(s) in [% "doc_ids" %]</mapTip>
 <layerGeometryType>0</layerGeometryType>
</qgis>

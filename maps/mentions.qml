<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22.16-Białowieża" styleCategories="AllStyleCategories" labelsEnabled="0" hasScaleBasedVisibilityFlag="0" maxScale="0" minScale="100000000" simplifyDrawingHints="0" simplifyLocal="1" simplifyAlgorithm="0" simplifyDrawingTol="1" simplifyMaxScale="1" symbologyReferenceScale="-1" readOnly="0">
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
      <Option type="QString" name="color" value="91,107,127,204" />
      <Option type="QString" name="horizontal_anchor_point" value="1" />
      <Option type="QString" name="joinstyle" value="bevel" />
      <Option type="QString" name="name" value="circle" />
      <Option type="QString" name="offset" value="0,0" />
      <Option type="QString" name="offset_map_unit_scale" value="3x:0,0,0,0,0,0" />
      <Option type="QString" name="offset_unit" value="Pixel" />
      <Option type="QString" name="outline_color" value="255,255,255,255" />
      <Option type="QString" name="outline_style" value="solid" />
      <Option type="QString" name="outline_width" value="0.5" />
      <Option type="QString" name="outline_width_map_unit_scale" value="3x:0,0,0,0,0,0" />
      <Option type="QString" name="outline_width_unit" value="Pixel" />
      <Option type="QString" name="scale_method" value="diameter" />
      <Option type="QString" name="size" value="5" />
      <Option type="QString" name="size_map_unit_scale" value="3x:0,0,0,0,0,0" />
      <Option type="QString" name="size_unit" value="Pixel" />
      <Option type="QString" name="vertical_anchor_point" value="1" />
     </Option>
     <prop k="angle" v="0" />
     <prop k="cap_style" v="square" />
     <prop k="color" v="91,107,127,204" />
     <prop k="horizontal_anchor_point" v="1" />
     <prop k="joinstyle" v="bevel" />
     <prop k="name" v="circle" />
     <prop k="offset" v="0,0" />
     <prop k="offset_map_unit_scale" v="3x:0,0,0,0,0,0" />
     <prop k="offset_unit" v="Pixel" />
     <prop k="outline_color" v="255,255,255,255" />
     <prop k="outline_style" v="solid" />
     <prop k="outline_width" v="0.5" />
     <prop k="outline_width_map_unit_scale" v="3x:0,0,0,0,0,0" />
     <prop k="outline_width_unit" v="Pixel" />
     <prop k="scale_method" v="diameter" />
     <prop k="size" v="5" />
     <prop k="size_map_unit_scale" v="3x:0,0,0,0,0,0" />
     <prop k="size_unit" v="Pixel" />
     <prop k="vertical_anchor_point" v="1" />
     <data_defined_properties>
      <Option type="Map">
       <Option type="QString" name="name" value="" />
       <Option name="properties" />
       <Option type="QString" name="type" value="collection" />
      </Option>
     </data_defined_properties>
    </layer>
   </symbol>
  </symbols>
  <rotation />
  <sizescale />
 </renderer-v2>
 <blendMode>0</blendMode>
 <featureBlendMode>0</featureBlendMode>
 <layerOpacity>1</layerOpacity>
 <legend type="default-vector" showLabelLegend="0" />
 <previewExpression>"text"</previewExpression>
 <mapTip>&lt;b&gt;[% "text" %]&lt;/b&gt; → [% "place_name" %] ([% "doc_id" %] [% "start" %]–[% "end" %])</mapTip>
 <layerGeometryType>0</layerGeometryType>
</qgis>
